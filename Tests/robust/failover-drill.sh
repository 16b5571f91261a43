#!/usr/bin/env bash
# The failover drill on PostgreSQL (issue 12, item 5): a primary and a synchronous standby on this machine
# (socket only, temp folders, .ci/pg-cluster.sh + .ci/pg-standby.sh), counters writing (person enrol, claim
# submit, employer register, one `onewindow` process per write as a clerk's save), the primary killed with
# SIGKILL (postmaster and every child) while they write, the standby promoted, the counters pointed at it,
# more writes; then every acknowledged write (exit 0 and its success line) must be on the promoted standby,
# the audit chain intact, the store's checks passing, and every command the kill caught must have failed
# with one clear line within a bounded time (no hang, no crash).
# Two ways of pointing a counter at the new primary are drilled: counters 1 and 3 are given the standby's own
# URL after the promotion (as an office would change ONEWINDOW_STORE); counters 2 and 4 hold a two-host URL
# with target_session_attrs=read-write from the start and are never touched.
# Usage: failover-drill.sh ONEWINDOW [--full]      (--full: 8 counters, 60 s before and 30 s after the kill)
# Environment: DRILL_SEED (the kill moment; printed), DRILL_COUNTERS, DRILL_BEFORE, DRILL_AFTER (seconds).
set -uo pipefail
export TZ=Asia/Shanghai
OW=$(realpath "${1:?path to the onewindow binary}")
root=$(cd "$(dirname "$0")/../.." && pwd)
full=${2:-}
counters=${DRILL_COUNTERS:-$([ "$full" = --full ] && echo 8 || echo 4)}
before=${DRILL_BEFORE:-$([ "$full" = --full ] && echo 60 || echo 12)}
after=${DRILL_AFTER:-$([ "$full" = --full ] && echo 30 || echo 10)}
seed=${DRILL_SEED:-$((RANDOM % 1000))}
CMD_TIMEOUT=30           # a command caught by the kill must end well within this; 124 = it hung
unset ONEWINDOW_LANG ONEWINDOW_STORE
pass=0; fail=0
source "$root/Tests/cli/lib.sh"
source "$root/.ci/pg-cluster.sh"
source "$root/.ci/pg-standby.sh"
started=$(date +%s)
work=$(mktemp -d)
# Nothing of the drill's lands in the user's data folder (audit keys, papers).
export XDG_DATA_HOME=$work/data ONEWINDOW_AUDIT_KEYS=$work/audit-keys
counter_pids=()

# Counters first (their in-flight `timeout` children too), then the standby and the primary, then files.
cleanup() {
  local p c
  for p in "${counter_pids[@]}"; do
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill -TERM "$c" 2>/dev/null; done
    kill -TERM "$p" 2>/dev/null
  done
  wait 2>/dev/null
  pg_standby_stop
  pg_cluster_stop
  rm -rf "$work"
}
pg_cluster_start || { echo "FAIL: the primary did not start"; rm -rf "$work"; exit 1; }
trap cleanup EXIT
trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP

echo "failover drill: $counters counters, ${before}s before the kill, ${after}s after; seed $seed"
pg_standby_start standby1 || { echo "FAIL: the standby did not start"; exit 1; }
state=$(_pg_cluster_psql postgres -Atc "SELECT application_name || ' ' || sync_state || ' ' || current_setting('synchronous_commit') FROM pg_stat_replication")
[ "$state" = "standby1 sync on" ] && ok || bad "the standby streams synchronously before the counters start" "$state"
primary_url=$(pg_cluster_fresh_db drill) || exit 1
standby_url=$(pg_standby_url drill)
# Both hosts; libpq takes the first that accepts writes, so after a promotion it finds the standby by itself.
both_url="postgresql:///drill?host=$(_pg_cluster_urlencode "$PG_CLUSTER_DIR"),$(_pg_cluster_urlencode "$PG_STANDBY_DIR")&user=$PG_CLUSTER_SUPERUSER&target_session_attrs=read-write"

# --- the store, its employer and one clerk per counter ------------------------------------------------------
TJ=91120116MA05XXXX0J
today=$(date +%F)
event=$(date -d "$today -10 days" +%F)       # a birth ten days ago
from=$(date -d "${today:0:7}-01 -11 months" +%Y-%m)
wage_year=$(( ${event:0:4} - 1 ))
setup_log=$work/setup.log
make_store() {
  ONEWINDOW_PASSWORD=admin-pass-1 "$OW" init --store "$primary_url" --admin root --region tianjin || return 1
  for k in $(seq 1 "$counters"); do
    ONEWINDOW_PASSWORD=admin-pass-1 ONEWINDOW_NEW_PASSWORD="clerk-pass-$k" \
      "$OW" operator add --store "$primary_url" --operator root --name "c$k" --role clerk || return 1
  done
  ONEWINDOW_PASSWORD=clerk-pass-1 "$OW" employer register --store "$primary_url" --operator c1 --code $TJ \
    --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01 || return 1
  ONEWINDOW_PASSWORD=clerk-pass-1 "$OW" employer wage --store "$primary_url" --operator c1 --code $TJ \
    --year "$wage_year" --wage 6000
}
make_store >"$setup_log" 2>&1 </dev/null
rc=$?
[ $rc -eq 0 ] && ok || { bad "the store is made on the primary (exit $rc)" "$(cat "$setup_log")"; exit 1; }

# Each counter's own people (female, valid check characters), employers' credit codes and bank accounts.
python3 - "$work" "$counters" <<'PY'
import datetime, sys
work, counters = sys.argv[1], int(sys.argv[2])
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
POOL = "芳娜敏静丽艳娟霞秀英华玲红梅琳雪倩颖洁"
def luhn(body):
    s = 0
    for i, d in enumerate(reversed(body)):
        d = int(d) * (2 if i % 2 == 0 else 1)
        s += d - 9 if d > 9 else d
    return body + str((10 - s % 10) % 10)
for k in range(1, counters + 1):
    with open(f"{work}/plan.{k}", "w") as f:
        for i in range(1, 3001):
            n = k * 3000 + i
            body = "120101" + (datetime.date(1985, 1, 1) + datetime.timedelta(days=n % 5000)).strftime("%Y%m%d") + f"{n // 5000:02d}2"
            cid = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]
            name = "王" + POOL[n % len(POOL)] + POOL[(n // len(POOL)) % len(POOL)]
            code = f"91120116MA{n:07d}"
            code += A[(31 - sum(A.index(c) * w for c, w in zip(code, CW)) % 31) % 31]
            f.write(f"{cid} {name} {code} {luhn('62220202' + f'{n:010d}')}\n")
PY

# --- the counters -------------------------------------------------------------------------------------------
# attempt K KIND KEY CMD…: one save, with the store the counter is pointed at now; logs
# start(ns) end(ns) exit kind key target, and for a failure its stderr (lines and the first one).
attempt() {
  local k=$1 kind=$2 key=$3; shift 3
  local target url t0 t1 rc out err
  target=$(cat "$work/target.$k"); url=$(cat "$work/url.$target")
  t0=$(date +%s%N)
  ONEWINDOW_STORE=$url ONEWINDOW_OPERATOR=c$k ONEWINDOW_PASSWORD=clerk-pass-$k \
    timeout -k 2 $CMD_TIMEOUT "$OW" "$@" >"$work/out.$k" 2>"$work/err.$k" </dev/null
  rc=$?
  t1=$(date +%s%N)
  out=$(cat "$work/out.$k")
  local acked=0
  case $kind in
    enrol)    [ $rc -eq 0 ] && grep -q "生育保险：自 $from 起参保" <<<"$out" && acked=1 ;;
    claim)    [ $rc -eq 0 ] && key=$(grep -oE 'SY[0-9]{8}-[0-9]{4}' <<<"$out" | head -1) && [ -n "$key" ] && acked=1 ;;
    employer) [ $rc -eq 0 ] && grep -q "已登记单位 $key" <<<"$out" && acked=1 ;;
  esac
  err=$(head -c 600 "$work/err.$k" | tr '\t\n' '  ')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t0" "$t1" "$rc" "$acked" "$kind" "$key" "$target" \
    "$(wc -l <"$work/err.$k")" "$err" >>"$work/log.$k"
  [ $acked -eq 1 ]
}
counter() {
  local k=$1 i=0 cid name code acct
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    read -r cid name code acct < <(sed -n "${i}p" "$work/plan.$k")
    if attempt "$k" enrol "$cid" person enrol --id "$cid" --name "$name" --category employee --employer $TJ \
         --base 8000 --from "$from"; then
      attempt "$k" claim "$cid" claim submit --id "$cid" --date "$event" --delivery natural --allowance --account "$acct"
    fi
    if [ $((i % 3)) -eq 0 ]; then
      attempt "$k" employer "$code" employer register --code "$code" --name "天津测试单位$k-$i" --region tianjin \
        --kind enterprise --unified-from 2020-01
    fi
  done
}
printf '%s' "$primary_url" >"$work/url.primary"; printf '%s' "$both_url" >"$work/url.both"
printf '%s' "$standby_url" >"$work/url.standby"
for k in $(seq 1 "$counters"); do
  [ $((k % 2)) -eq 1 ] && echo primary >"$work/target.$k" || echo both >"$work/target.$k"
  : >"$work/log.$k"
  counter "$k" &
  counter_pids+=($!)
done
acked_now() { cat "$work"/log.* | awk -F'\t' '$4 == 1' | wc -l; }

# --- the kill: at a seeded moment, with at least a few acknowledged writes -------------------------------
RANDOM=$seed
kill_at=$(( $(date +%s) + before - 3 + RANDOM % 6 ))
while [ "$(date +%s)" -lt "$kill_at" ] || [ "$(acked_now)" -lt 10 ]; do
  sleep 0.2
  [ $(( $(date +%s) - kill_at )) -gt 60 ] && { bad "the counters acknowledged fewer than 10 writes in a minute" "$(tail -n 3 "$work"/log.*)"; break; }
done
state=$(_pg_cluster_psql postgres -Atc "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")
[ "$state" = sync ] && ok || bad "the standby is still synchronous at the kill" "$state"
pm=$(head -n 1 "$PG_CLUSTER_DIR/data/postmaster.pid")
kill -STOP "$pm"                              # no new child while the list is taken
children=$(ps -o pid= --ppid "$pm" | tr '\n' ' ')
t_kill=$(date +%s%N)
kill -KILL "$pm" $children
# Alive: not gone and not a zombie waiting to be reaped.
alive() { local p st; for p in "$@"; do st=$(ps -o stat= -p "$p" 2>/dev/null) && [[ $st != Z* ]] && return 0; done; return 1; }
for _ in $(seq 1 50); do alive "$pm" $children || break; sleep 0.1; done
alive "$pm" $children && bad "the primary (postmaster $pm and children $children) is gone after SIGKILL" || ok
sleep 2                                       # the counters meet the dead primary for a while
pg_standby_promote && ok || bad "the standby is promoted"
t_promoted=$(date +%s%N)
for k in $(seq 1 2 "$counters"); do echo standby >"$work/target.$k"; done
sleep "$after"
touch "$work/stop"
# Each counter ends after its current save, which ends within CMD_TIMEOUT (+2 s for timeout's kill).
waited=0
while [ $waited -lt $((2 * 3 * (CMD_TIMEOUT + 2))) ] && kill -0 "${counter_pids[@]}" 2>/dev/null; do sleep 0.5; waited=$((waited + 1)); done
kill -0 "${counter_pids[@]}" 2>/dev/null && bad "the counters stop within $((3 * (CMD_TIMEOUT + 2))) s of being told"
wait "${counter_pids[@]}" 2>/dev/null
counter_pids=()

# --- the promoted standby has every acknowledged write -------------------------------------------------------
cat "$work"/log.* >"$work/log"
sq() { psql -XAtq -v ON_ERROR_STOP=1 "$standby_url" -c "$1"; }
sq "SELECT citizenID FROM person" >"$work/has.enrol"
sq "SELECT receiptNo FROM receipt" >"$work/has.claim"
sq "SELECT code FROM employer" >"$work/has.employer"
sq "SELECT p.citizenID FROM person p JOIN enrolment e ON e.personID = p.id
    GROUP BY p.citizenID HAVING COUNT(DISTINCT e.scheme) = 2" >"$work/has.both"
sq "SELECT r.receiptNo FROM receipt r JOIN claim c ON c.receiptNo = r.receiptNo" >"$work/has.claimrow"
sq "SELECT p.citizenID FROM receipt r JOIN person p ON p.id = r.personID" >"$work/has.claimant"
python3 - "$work" "$t_kill" "$t_promoted" "$CMD_TIMEOUT" >"$work/verdict" <<'PY'
import collections, re, sys
work, t_kill, t_promoted, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
has = {k: set(open(f"{work}/has.{k}").read().split()) for k in ("enrol", "claim", "employer", "both", "claimrow", "claimant")}
rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/log") if l.strip()]
acked = {"before": 0, "after": 0}
lost, problems, hangs, multiline, in_doubt = [], [], [], [], []
inflight = down = failed_after = 0
messages = collections.Counter()
for t0, t1, rc, ok, kind, key, target, lines, err in rows:
    t0, t1, rc = int(t0), int(t1), int(rc)
    # Down: the dead primary's URL after the kill, the two-host URL until the promotion; then the standby's.
    if t0 < t_kill: phase = "before"
    elif target == "primary" or (target == "both" and t0 < t_promoted): phase = "down"
    else: phase = "after"
    if ok == "1":
        acked["before" if phase == "before" else "after"] += 1
        if key not in has[kind]: lost.append(f"{kind} {key} ({phase})")
        elif kind == "enrol" and key not in has["both"]: lost.append(f"{kind} {key}: not in both schemes")
        elif kind == "claim" and key not in has["claimrow"]: lost.append(f"{kind} {key}: receipt without its claim")
        continue
    what = f"{kind} {key} exit {rc}: {err.strip()[:160]}"
    if phase == "after":
        failed_after += 1; problems.append("failed on the promoted standby: " + what); continue
    if phase == "before" and t1 < t_kill:
        problems.append("failed before the kill: " + what); continue
    if phase == "before": inflight += 1
    else: down += 1
    # A write the kill caught may have committed anyway (its acknowledgement lost): it is in doubt, not lost.
    if key in has["claimant" if kind == "claim" else kind]: in_doubt.append(f"{kind} {key}")
    if phase == "before": print("RETRY", kind, key)
    msg = err.strip()
    if rc == 124 or rc >= 128: hangs.append(f"hung or crashed (exit {rc}, limit {limit}s): " + what)
    elif rc not in (1, 2): hangs.append("unexpected exit code: " + what)
    elif (t1 - t0) / 1e9 > limit: hangs.append("took longer than the limit: " + what)
    elif not msg.startswith("错误："): hangs.append("no error message: " + what)
    if lines != "1": multiline.append(f"{lines} lines: " + what)
    messages[re.sub(r"postgresql://[^（]*", "URL", msg).split("（")[0]] += 1
print(f"acked_before={acked['before']} acked_after={acked['after']} lost={len(lost)} inflight={inflight} "
      f"down={down} in_doubt={len(in_doubt)} failed_after={failed_after} problems={len(problems)} "
      f"hangs={len(hangs)} multiline={len(multiline)}")
for l in lost: print("LOST", l)
for p in problems[:20]: print("PROBLEM", p)
for p in hangs[:20]: print("HANG", p)
for p in multiline[:5]: print("MULTILINE", p)
for m, n in messages.most_common(): print(f"MESSAGE {n} × {m}")
for d in in_doubt: print("INDOUBT", d)
PY
counts=$(grep -m1 '^acked_before=' "$work/verdict")
eval "$(tr ' ' '\n' <<<"$counts" | grep -E '^[a-z_]+=[0-9]+$')"
[ "$acked_before" -gt 0 ] && [ "$acked_after" -gt 0 ] && ok || bad "writes were acknowledged before and after the kill" "$counts"
[ "$lost" -eq 0 ] && ok || bad "no acknowledged write is lost" "$(grep ^LOST "$work/verdict" | head -20)"
[ "$problems" -eq 0 ] && ok || bad "no command failed before the kill or after the promotion" "$(grep ^PROBLEM "$work/verdict")"
[ "$hangs" -eq 0 ] && ok || bad "every command the kill caught ended in time with exit 1 or 2 and an error (no hang, no crash)" \
  "$(grep ^HANG "$work/verdict")"
[ "$multiline" -eq 0 ] && ok || bad "the error of every command the kill caught is one line ($multiline were not; first few:)" \
  "$(grep ^MULTILINE "$work/verdict" | cut -c1-400)"
[ $((inflight + down)) -gt 0 ] && ok || bad "the counters met the dead primary (no command failed between kill and promotion)"
grep ^MESSAGE "$work/verdict" | sed 's/^MESSAGE /  error seen: /'
for k in $(seq 2 2 "$counters"); do
  awk -F'\t' -v t="$t_promoted" '$1 > t && $4 == 1 && $7 == "both"' "$work/log" | grep -q . && ok ||
    bad "counter $k, holding the two-host URL, writes after the promotion without being touched"
done

# --- the clerk saves again what the kill caught: done once, whether or not the first try went through ---------
retried=0; retry_log=$work/retry.log; : >"$retry_log"
while read -r _ kind key; do
  read -r cid name code acct < <(grep -h -- "$key" "$work"/plan.* | head -1)
  case $kind in
    enrol)    args=(person enrol --id "$cid" --name "$name" --category employee --employer $TJ --base 8000 --from "$from")
              again='此人已在参保中'; count="SELECT COUNT(*) FROM person WHERE citizenID = '$cid'" ;;
    claim)    args=(claim submit --id "$cid" --date "$event" --delivery natural --allowance --account "$acct")
              again='该事件已申领过生育津贴'
              count="SELECT COUNT(*) FROM receipt r JOIN person p ON p.id = r.personID WHERE p.citizenID = '$cid'" ;;
    employer) args=(employer register --code "$code" --name 天津重试单位 --region tianjin --kind enterprise --unified-from 2020-01)
              again='该代码已登记为'; count="SELECT COUNT(*) FROM employer WHERE code = '$code'" ;;
  esac
  out=$(ONEWINDOW_STORE=$standby_url ONEWINDOW_OPERATOR=c1 ONEWINDOW_PASSWORD=clerk-pass-1 \
        timeout $CMD_TIMEOUT "$OW" "${args[@]}" 2>&1 </dev/null); rc=$?
  n=$(sq "$count")
  if { [ $rc -eq 0 ] || { [ $rc -le 2 ] && grep -q "$again" <<<"$out"; }; } && [ "$n" = 1 ]; then ok
  else bad "saving again the $kind $key the kill caught: done once (exit $rc, $n stored)" "$out"; fi
  [ $rc -ne 0 ] && retried=$((retried + 1))
  echo "$kind $key exit $rc" >>"$retry_log"
done < <(grep ^RETRY "$work/verdict")
went_through=$retried

# --- the promoted store is whole -------------------------------------------------------------------------------
export ONEWINDOW_STORE=$standby_url ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1
expect "audit verify on the promoted standby" 0 "审计日志完整" -- "$OW" audit verify
expect "both schemes in step on the promoted standby" 0 "两险不一致：0人" -- "$OW" reconcile
if "$OW" --help 2>/dev/null | grep -qE '^ +check( |$)'; then
  expect "onewindow check passes on the promoted standby" 0 "." -- "$OW" check
else
  echo "  (no 'onewindow check' in this build: fund check instead)"
  expect "fund check passes on the promoted standby" 0 "." -- "$OW" fund check
fi
expect "the promoted standby takes a write from the admin" 0 "已添加操作员 after1" -- \
  env ONEWINDOW_NEW_PASSWORD=after-pass-1 "$OW" operator add --name after1 --role clerk

echo "failover drill: acknowledged writes before the kill $acked_before, after $acked_after, lost $lost;" \
  "failed in flight $inflight (saved again: $went_through had gone through), refused while down $down" \
  "(there anyway: $in_doubt);" \
  "$(( $(date +%s) - started )) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
