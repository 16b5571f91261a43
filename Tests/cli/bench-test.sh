#!/usr/bin/env bash
# `onewindow bench` at a small size (issue 12 item 6), so it cannot rot: every measurement runs and prints a
# row (lookups, keypresses, claim submission with risk flags, the fund overview, start to the sign-on screen,
# a counter process's peak memory, the month's run against the engine's own shell inserting the same lines);
# the store is left as generated (the writes went to scratch copies, removed); the run it timed wrote the lines
# the production command writes; a measurement that cannot run (no sqlite3/psql on PATH, a month already
# charged) exits 1 naming it, the other rows still printed. Timings are printed, never asserted.
# Usage: bench-test.sh ONEWINDOW. On SQLite by default; with ONEWINDOW_CLI_PG set to the URL of an empty
# PostgreSQL database, on PostgreSQL (the account must be allowed to create databases: the scratch copies).
set -uo pipefail
export TZ=Asia/Shanghai
OW=${1:?path to the onewindow binary}
work=$(mktemp -d)
PG=${ONEWINDOW_CLI_PG:-}
S=${PG:-$work/bench.sqlite}
cleanup() {
  # A bench killed half-way would leave its scratch databases: drop them (the files go with $work).
  if [ -n "$PG" ]; then
    for db in $(psql -XAtq "$PG" -c "SELECT datname FROM pg_database WHERE datname LIKE '%bench_r%'" 2>/dev/null); do
      psql -XAtq "$PG" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
export ONEWINDOW_AUDIT_KEYS="$work/audit-keys"
unset ONEWINDOW_LANG ONEWINDOW_STORE ONEWINDOW_OPERATOR ONEWINDOW_PASSWORD NO_COLOR
pass=0; fail=0
[ -n "$PG" ] && echo "bench: on PostgreSQL"
source "$(dirname "$0")/lib.sh"
NOW=$(date +%Y-%m)
raw=sqlite3; [ -n "$PG" ] && raw=psql
num='[0-9]+\.[0-9]+'

# --- the whole bench, in English ----------------------------------------------------------------------------
t0=$(date +%s)
"$OW" bench --store "$S" --persons 2000 --runs 20 --lang en >"$work/out" 2>"$work/err" </dev/null; rc=$?
echo "  (bench --persons 2000 --runs 20 took $(( $(date +%s) - t0 )) s)"
out=$(cat "$work/out")
[ $rc -eq 0 ] && ok || bad "bench runs every measurement (exit $rc)" "$out
$(cat "$work/err")"
row() {  # row NAME LABEL-REGEX TARGET-REGEX: a timing row with its median and p99
  grep -qE "^$2 +$num +$num +$3\$" <<<"$out" && ok || bad "row: $1" "$out"
}
row "lookup by citizen ID" "person lookup by citizen ID" '(ok|OVER)'
for n in 1 2 3; do row "name search $n" "name search, $n characters?" '(ok|OVER)'; done
row "person view" "person view \(LookupService.person\)" '(ok|OVER)'
row "keypress: type" "home key: type a character, draw the frame" '(ok|OVER)'
row "keypress: search" "home key: Enter searches 2 characters, draws the results" '(ok|OVER)'
row "keypress: page" "home key: F8 pages the results, draws the frame" '(ok|OVER)'
row "keypress: open" "home key: Enter on a citizen ID opens and draws the person view" '(ok|OVER)'
row "claim submission, 20 timed" "claim submission with risk flags \(ClaimService.submit, 20 receipts\)" '–'
row "fund overview of this month" "fund overview of $NOW \(FundService.overview, the read after its catch-up\)" '–'
row "start to the sign-on screen, 20 starts" "start to the sign-on screen: new process on a pseudo-terminal until its text arrives \(20 starts\)" '–'
grep -qE "^claims: 25 receipts filed \(warm-ups included; [0-9]+ allowance, [0-9]+ medical\); [0-9]+ flagged: " <<<"$out" && ok \
  || bad "the claims note counts the 25 receipts filed and their flags" "$out"
mem=$(grep -oE "^counter process peak memory: $num MB" <<<"$out" | grep -oE "$num")
[ -n "$mem" ] && python3 -c "import sys; sys.exit(0 if 10 < $mem < 2000 else 1)" && ok \
  || bad "a counter process's peak memory is read (got '${mem:-nothing}')" "$out"
grep -qE "^the month's run: contributions run --month $NOW on the copy, .*raw: $raw inserting the same lines" <<<"$out" && ok \
  || bad "the month's run is compared with $raw" "$out"
bulk=$(grep -A1 -E "^persons +lines +chunks +run s +peak RSS MB +raw $raw s +run ÷ raw$" <<<"$out" | tail -1)
read -r b_persons b_lines b_chunks b_run b_peak b_raw b_ratio <<<"$bulk"
[[ "$b_persons" =~ ^[0-9]+$ && "$b_lines" =~ ^[0-9]+$ && "$b_chunks" =~ ^[1-9][0-9]*$ && "$b_run" =~ ^$num$ && "$b_peak" =~ ^$num$ \
   && "$b_raw" =~ ^$num$ && "$b_ratio" =~ ^$num×$ ]] && [ "$b_persons" -gt 1000 ] && [ "$b_lines" -ge "$b_persons" ] && ok \
  || bad "the month's run row: persons, lines, chunks, seconds, peak, raw seconds, ratio" "$bulk"

# --- the store is left as generated; the scratch copies are gone --------------------------------------------
[ "$(sqlq "$S" "SELECT COUNT(*) FROM contribution WHERE month = '$NOW'")" = 0 ] && ok || bad "the bench's month run did not touch the store"
[ "$(sqlq "$S" "SELECT COUNT(*) FROM claim")" = 0 ] && ok || bad "the bench's claims did not touch the store"
scratch() { if [ -n "$PG" ]; then sqlq "$PG" "SELECT datname FROM pg_database WHERE datname LIKE '%bench_r%'"
  else ls -A "$work" | grep bench_r; fi; }
[ -z "$(scratch)" ] && ok || bad "the scratch copies are removed" "$(scratch)"

# --- a measurement that cannot run: exit 1, named, in Chinese; the others still printed ----------------------
env PATH=/nonexistent "$OW" bench --store "$S" --persons 2000 --runs 5 >"$work/out2" 2>"$work/err2" </dev/null; rc=$?
[ $rc -eq 1 ] && grep -qx "错误：测量失败：直写对照：PATH 中找不到 $raw（apt-get install $([ -n "$PG" ] && echo postgresql-client || echo sqlite3)）" "$work/err2" && ok \
  || bad "without $raw on PATH: exit 1 naming it (exit $rc)" "$(cat "$work/err2")"
grep -qE "^受理申领并计算风险提示（ClaimService.submit，5 份回执） +$num +$num +–$" "$work/out2" \
  && grep -qE "^ *[0-9]+ +[0-9]+ +[0-9]+ +$num +$num +– +–$" "$work/out2" && ok \
  || bad "without $raw: the other measurements and the run still reported, the ratio left out" "$(cat "$work/out2")"
[ -z "$(scratch)" ] && ok || bad "the scratch copies are removed after a failure too" "$(scratch)"

# --- the run the bench timed wrote what the production command writes ----------------------------------------
run=$(env ONEWINDOW_OPERATOR=bench ONEWINDOW_PASSWORD=bench-password "$OW" contributions run --store "$S" --month "$NOW" 2>&1 </dev/null)
[ "$(grep -oE '新增[0-9]+条' <<<"$run" | grep -oE '[0-9]+')" = "$b_lines" ] && ok \
  || bad "contributions run on the store writes the $b_lines lines the bench's run wrote" "$run"

# --- the month already charged: the run measures nothing, so the bench fails, saying why ----------------------
"$OW" bench --store "$S" --persons 2000 --runs 5 --lang en >"$work/out3" 2>"$work/err3" </dev/null; rc=$?
[ $rc -eq 1 ] && grep -qx "Error: measurement failed: the month's run: month $NOW is already charged in this store: the run wrote no line (measure a store whose current month is not charged)" "$work/err3" && ok \
  || bad "a charged month: exit 1 and why (exit $rc)" "$(cat "$work/err3")"
[ -z "$(scratch)" ] && ok || bad "the scratch copies are removed after the charged-month run" "$(scratch)"

echo
echo "bench: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
