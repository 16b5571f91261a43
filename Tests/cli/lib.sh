# Shared by the CLI test scripts: counters and checks. The caller sets `pass=0; fail=0` and prints the tally.

# The audit key goes in the caller's temp folder `$work` (unless one is given, as .ci/test does): a run by hand
# leaves no key in the user's data folder.
[ -n "${work:-}" ] && export ONEWINDOW_AUDIT_KEYS=${ONEWINDOW_AUDIT_KEYS:-$work/audit-keys}

# sqlq STORE QUERY: the first column of every row, from a SQLite file or a PostgreSQL URL.
sqlq() { if [[ $1 == postgresql://* ]]; then psql -XAtq -v ON_ERROR_STOP=1 "$1" -c "$2"
  else python3 - "$1" "$2" <<'PY'
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1], timeout=30).execute(sys.argv[2]): print(row[0])
PY
  fi; }

ok()   { pass=$((pass+1)); }
bad()  { fail=$((fail+1)); echo "FAIL: $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/    /'; }
# expect NAME EXIT_CODE REGEX -- command...: checks the exit code and that stdout+stderr match REGEX.
expect() {
  local name=$1 code=$2 regex=$3; shift 4
  local out rc
  out=$("$@" 2>&1 </dev/null); rc=$?
  if [ "$rc" -ne "$code" ]; then bad "$name (exit $rc, wanted $code)" "$out"; return; fi
  if ! grep -qE -- "$regex" <<<"$out"; then bad "$name (output does not match /$regex/)" "$out"; return; fi
  ok
}
# json NAME PYTHON_EXPR -- command...: runs the command and evaluates EXPR with `d` bound to its JSON output.
json() {
  local name=$1 expr=$2; shift 3
  local out
  out=$("$@" 2>&1 </dev/null) || { bad "$name (command failed)" "$out"; return; }
  if python3 -c "import json,sys; d=json.loads(sys.stdin.read()); sys.exit(0 if ($expr) else 1)" <<<"$out"; then ok
  else bad "$name ($expr)" "$out"; fi
}
# val EXPR -- command...: prints EXPR evaluated on the command's JSON output (`d`).
val() { local expr=$1; shift 2; "$@" 2>/dev/null </dev/null | python3 -c "import json,sys; d=json.load(sys.stdin); print($expr)"; }
