#!/usr/bin/env bash
# End-to-end tests of backup, restore and check (issue 12, item 1), as an office doing its weekly backup would:
# a store of 1,500 synthetic persons (the benchmark's generator) backed up while a chunked month run is going
# in another process (the backup holds the store at one instant: whole chunks only, lines matching their audit
# rows); the backup restored into a new place and checked; a restore over a store with data refused without
# --replace (exit 1, nothing changed), and refused with it while a counter still has the file open; a truncated
# backup refused (exit 1: the path is a well-formed --from, what the file holds fails the check, as a tampered
# store fails `audit verify`; a missing file is a bad --from, exit 2); `check` exit 1 on a copy whose audit row
# was edited; a live store's keyed audit chain across a backup and a restore. Usage: backup-test.sh ONEWINDOW
# On SQLite by default; with ONEWINDOW_CLI_PG set to the URL of an empty PostgreSQL database, the store is there
# (the backups are files either way) and restores go into the file and into fresh databases beside it.
set -uo pipefail
OW=${1:?path to the onewindow binary}
export TZ=Asia/Shanghai
work=$(mktemp -d)
bg=()
made=()   # databases fresh_db made beside $PG
cleanup() {
  for p in "${bg[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  for d in "${made[@]}"; do psql -XAtq "$PG" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
PG=${ONEWINDOW_CLI_PG:-}
# The audit keys of the live store made here stay in the test's folder.
export ONEWINDOW_AUDIT_KEYS="$work/audit-keys" ONEWINDOW_OPERATOR=bench ONEWINDOW_PASSWORD=bench-password
unset ONEWINDOW_LANG ONEWINDOW_STORE
pass=0; fail=0
source "$(dirname "$0")/lib.sh"
[ -n "$PG" ] && echo "backup: on PostgreSQL"
S=${PG:-$work/store.sqlite}
NOW=$(date +%Y-%m)
started=$(date +%s)
# fresh_db NAME: an empty database on the test server, beside $PG (as cli-test.sh makes them); its URL in $FRESH.
fresh_db() {
  psql -XAtq -v ON_ERROR_STOP=1 "$PG" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS bk_$1" \
    -c "CREATE DATABASE bk_$1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
  made+=("bk_$1")
  FRESH=$(sed -E "s#///[^?]*#///bk_$1#" <<<"$PG")
}
# expect_flat NAME CODE REGEX -- command...: lib.sh's expect, with the output's lines joined by tabs first, so a
# pattern may run over several lines (`.*` crosses them).
expect_flat() {
  local name=$1 code=$2 regex=$3; shift 4
  local out rc
  out=$("$@" 2>&1 </dev/null); rc=$?
  if [ "$rc" -ne "$code" ]; then bad "$name (exit $rc, wanted $code)" "$out"; return; fi
  if ! tr '\n' '\t' <<<"$out" | grep -qE -- "$regex"; then bad "$name (output does not match /$regex/)" "$out"; return; fi
  ok
}
# files_in DIR: the names in a folder, hidden ones too (a half backup or a temporary restore would show).
files_in() { ls -A "$1" | sort | tr '\n' ' '; }

"$OW" bench --store "$S" --persons 1500 --runs 1 >"$work/bench.out" 2>&1 </dev/null || { echo "FAIL: bench builds the store"; cat "$work/bench.out"; exit 1; }

# --- a backup while a chunked month run goes on in another process -------------------------------------------
# exec: $! is the onewindow process itself.
(exec "$OW" contributions run --store "$S" --month "$NOW" --chunk-size 5 >"$work/run.out" 2>&1 </dev/null) &
run=$!; bg+=("$run")
chunks() { sqlq "$S" "SELECT COUNT(*) FROM audit WHERE action='contributions.run.chunk'"; }
for _ in $(seq 400); do [ "$(chunks)" -ge 2 ] && break; kill -0 $run 2>/dev/null || break; sleep 0.02; done
mkdir "$work/usb"
t0=$(date +%s%N)
expect_flat "backup while the month run is going: written and checked" 0 \
  "✓ 存储完整性.*✓ 外键.*✓ 审计日志：完整.*✓ 行数：与备份时刻的数据一致.*核验通过" -- "$OW" backup --store "$S" --to "$work/usb/week1.sqlite"
t1=$(date +%s%N)
B=$work/usb/week1.sqlite
wait $run && ok || bad "the month run finishes after the backup" "$(cat "$work/run.out")"
out=$("$OW" backup --store "$S" --to "$work/usb/week1b.sqlite" 2>&1 </dev/null)
grep -qE "^已备份到 $work/usb/week1b.sqlite（[0-9]+字节，[0-9]+行，审计日志至第[0-9]+条），核验通过$" <<<"$out" && ok || bad "the backup's last line says where, how much, checked" "$out"
python3 - "$B" <<'PY' && ok || bad "the backup holds whole chunks of the run, mid-way, each with its lines"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
chunks = [json.loads(a) for (a,) in db.execute("SELECT afterJSON FROM audit WHERE action='contributions.run.chunk'")]
done = db.execute("SELECT COUNT(*) FROM audit WHERE action='contributions.run'").fetchone()[0]
month = db.execute("SELECT entity FROM audit WHERE action='contributions.run.chunk' LIMIT 1").fetchone()[0].split(':')[1]
lines = db.execute("SELECT COUNT(*) FROM contribution WHERE month=?", (month,)).fetchone()[0]
assert 0 < len(chunks) and done == 0, (len(chunks), done)                  # taken while the run was going
assert lines == sum(c["inserted"] for c in chunks), (lines, sum(c["inserted"] for c in chunks))
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
PY
python3 -c 'import sys; h = open(sys.argv[1], "rb").read(20); sys.exit(0 if h[18] == h[19] == 1 else 1)' "$B" && ok || bad "the backup is one file in rollback-journal mode"
[ "$(files_in "$work/usb")" = "week1.sqlite week1b.sqlite " ] && ok || bad "nothing beside the backups (no -wal, no half file)" "$(files_in "$work/usb")"
[ "$(stat -c %a "$B")" = 600 ] && ok || bad "the backup is the owner's only" "$(stat -c %a "$B")"
[ "$(sqlq "$S" "SELECT COUNT(*) FROM audit WHERE action='store.backup' AND afterJSON LIKE '%week1.sqlite%'")" = 1 ] && ok || bad "the backup is audited in the store"
expect "a backup never overwrites a file (a bad --to: exit 2)" 2 "备份文件：已有文件 $B" -- "$OW" backup --store "$S" --to "$B"
expect "a backup into a folder gets a dated name" 0 "^已备份到 $work/usb/onewindow-[0-9]{8}-[0-9]{6}\.sqlite" -- "$OW" backup --store "$S" --to "$work/usb"
expect "check on the store after the run" 0 "检查通过：5项均正常" -- "$OW" check --store "$S"

# --- restore into a new place, then check it ----------------------------------------------------------------
R=$work/restored/store.sqlite
expect_flat "restore into a new file: checked before and after" 0 \
  "核验备份 $B：.*✓ 审计日志.*核验恢复后的数据 $R：.*✓ 行数：与备份一致.*已从备份 $B 恢复到 $R：[0-9]+行.*核验通过" -- "$OW" restore --from "$B" --store "$R"
expect_flat "check on the restored store" 0 "^✓ 存储完整性.*✓ 外键.*✓ 审计日志.*✓ 两险同步.*✓ 基金账.*检查通过：5项均正常" -- "$OW" check --store "$R"
expect "check in English" 0 "check passed: 5 checks, all sound" -- "$OW" check --store "$R" --lang en
[ "$(sqlq "$R" "SELECT operator || ' ' || action FROM audit ORDER BY seq DESC LIMIT 1")" = "bench store.restore" ] \
  && [ "$(sqlq "$R" "SELECT afterJSON FROM audit ORDER BY seq DESC LIMIT 1" | grep -c "$B")" = 1 ] && ok || bad "the restore is in the restored store's audit log: who, from where"
[ "$(sqlq "$R" "SELECT COUNT(*) FROM person")" = "$(sqlq "$B" "SELECT COUNT(*) FROM person")" ] \
  && [ "$(sqlq "$R" "SELECT COUNT(*) FROM contribution")" = "$(sqlq "$B" "SELECT COUNT(*) FROM contribution")" ] && ok || bad "the restored store has the backup's rows"
[ "$(files_in "$work/restored")" = "store.sqlite " ] && [ "$(stat -c %a "$R")" = 600 ] && ok || bad "the restored file alone, owner-only" "$(files_in "$work/restored")"
if [ -n "$PG" ]; then
  fresh_db restored; P2=$FRESH
  expect "restore into an empty database" 0 "已从备份 $B 恢复到 postgresql://.*核验通过" -- "$OW" restore --from "$B" --store "$P2"
  expect "check on the restored database" 0 "检查通过：5项均正常" -- "$OW" check --store "$P2"
  rows=$(sqlq "$P2" "SELECT COUNT(*) FROM audit")
  expect "restore into a database that has data: refused, even with --replace" 1 "已有数据，未做任何改动；恢复到服务器只能恢复到空数据库" -- "$OW" restore --from "$B" --store "$P2" --replace
  [ "$(sqlq "$P2" "SELECT COUNT(*) FROM audit")" = "$rows" ] && ok || bad "the refused database is unchanged"
  expect "restore over the live database: refused" 1 "已有数据" -- "$OW" restore --from "$B" --store "$S"
fi

# --- a store with data is replaced only when asked, and never while open ------------------------------------
sum=$(sha256sum "$R" | cut -d' ' -f1)
expect "restore over a store file without --replace: refused" 1 "$R 已有数据，未做任何改动；确要用备份替换它.*--replace" -- "$OW" restore --from "$B" --store "$R"
python3 - "$R" 3 <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); db.execute("SELECT COUNT(*) FROM person").fetchone(); time.sleep(float(sys.argv[2]))
PY
holder=$!; bg+=("$holder"); sleep 0.5
expect "restore --replace while a counter has the file open: refused" 1 "正被其他窗口或程序打开，未做任何改动" -- "$OW" restore --from "$B" --store "$R" --replace
wait $holder
[ "$(sha256sum "$R" | cut -d' ' -f1)" = "$sum" ] && [ "$(files_in "$work/restored")" = "store.sqlite " ] && ok || bad "the refused store is unchanged, nothing left beside it" "$(files_in "$work/restored")"
expect_flat "restore --replace with the counters closed" 0 "原数据文件已改名保留为 $R\.replaced-[0-9T]+Z.*核验通过" -- "$OW" restore --from "$B" --store "$R" --replace
expect "check on the replaced store" 0 "检查通过" -- "$OW" check --store "$R"
[ "$(sqlq "$R" "SELECT COUNT(*) FROM audit WHERE action='store.restore'")" = 1 ] && [ "$(sqlq "$work"/restored/store.sqlite.replaced-* "SELECT COUNT(*) FROM audit WHERE action='store.restore'")" = 1 ] \
  && ok || bad "the new store is the backup's (one restore row); the old one is kept whole beside it"

# --- damaged and missing backups ----------------------------------------------------------------------------
head -c $(( $(stat -c %s "$B") / 2 )) "$B" >"$work/usb/truncated.sqlite"
expect "a truncated backup: refused, exit 1" 1 "备份文件无法读取，未做任何改动|备份核验未通过，未做任何改动" -- "$OW" restore --from "$work/usb/truncated.sqlite" --store "$work/t/store.sqlite"
[ ! -e "$work/t" ] && ok || bad "nothing written for the truncated backup" "$(ls -A "$work/t")"
expect "a missing backup file: a bad --from, exit 2" 2 "备份文件：没有这个备份文件" -- "$OW" restore --from "$work/usb/none.sqlite" --store "$work/t/store.sqlite"
cp "$R" "$work/tampered.sqlite"
python3 - "$work/tampered.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("DROP TRIGGER audit_no_update")
c.execute("UPDATE audit SET operator='mallory' WHERE seq=5"); c.commit()
PY
expect_flat "check on a tampered copy: exit 1, the audit line" 1 "✓ 存储完整性.*✗ 审计日志：被篡改或不完整（共[0-9]+条）：altered:5.*检查未通过：1项有问题" -- "$OW" check --store "$work/tampered.sqlite"
expect_flat "a backup of the tampered copy is kept but says so (exit 1)" 1 "✗ 审计日志.*✓ 行数.*备份已写到 .*但数据本身的审计日志有问题" -- "$OW" backup --store "$work/tampered.sqlite" --to "$work/usb/tampered-backup.sqlite"
expect_flat "the tampered backup is refused for a restore" 1 "✗ 审计日志.*备份核验未通过，未做任何改动" -- "$OW" restore --from "$work/usb/tampered-backup.sqlite" --store "$work/t2/store.sqlite"
[ ! -e "$work/t2" ] && ok || bad "nothing written for the tampered backup"

# --- a live store: its keyed audit chain goes through a backup and a restore --------------------------------
if [ -n "$PG" ]; then fresh_db live; L=$FRESH; else L=$work/live.sqlite; fi
live=(env ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1)
{
  "${live[@]}" "$OW" init --store "$L" --admin root --region tianjin
  ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "${live[@]}" "$OW" operator add --store "$L" --name wang --role clerk
  "${live[@]}" "$OW" employer register --store "$L" --code 91120116MA05XXXX0J --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
  "${live[@]}" "$OW" person enrol --store "$L" --id 110105199003070025 --name 李娜 --category employee --employer 91120116MA05XXXX0J --base 8000 --from 2026-01
} >"$work/live.out" 2>&1 </dev/null || bad "live store setup" "$(cat "$work/live.out")"
expect "a clerk may not back up" 1 "经办员无权执行：备份数据" -- env ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1 "$OW" backup --store "$L" --to "$work/usb/clerk.sqlite"
[ ! -e "$work/usb/clerk.sqlite" ] && ok || bad "the clerk's backup was not written"
expect "backup of the live store" 0 "核验通过" -- "${live[@]}" "$OW" backup --store "$L" --to "$work/usb/live.sqlite"
expect "restore of the live store" 0 "核验通过" -- "${live[@]}" "$OW" restore --from "$work/usb/live.sqlite" --store "$work/live-restored.sqlite"
expect "check on the restored live store" 0 "检查通过" -- "${live[@]}" "$OW" check --store "$work/live-restored.sqlite"
mv "$ONEWINDOW_AUDIT_KEYS" "$work/keys-elsewhere"
expect "without its audit key the restored chain cannot be checked" 1 "✗ 审计日志.*keyMissing" -- "${live[@]}" "$OW" check --store "$work/live-restored.sqlite"
mv "$work/keys-elsewhere" "$ONEWINDOW_AUDIT_KEYS"

echo "  (store of 1,500 persons; backup during the run took $(( (t1 - t0) / 1000000 )) ms; whole script $(( $(date +%s) - started )) s)"
echo
echo "backup: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
