# Shared by the robustness tests (crash-test.sh, concurrency-test.sh). SOURCE it. Each test is a Python driver
# (Tests/robust/*.py, standard library only) run once per engine: on SQLite, and on PostgreSQL too when
# ONEWINDOW_CLI_PG names an empty database. The drivers print their findings and a tally line
# "NAME (ENGINE): N passed, M failed" (robust.Tally.finish); robust_engines sums them.
export TZ=Asia/Shanghai PYTHONDONTWRITEBYTECODE=1   # no __pycache__ left in the checkout
unset ONEWINDOW_LANG
ROBUST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# robust_full ARGS...: true when the full size is asked for (--full among ARGS, or ONEWINDOW_ROBUST_FULL=1).
robust_full() {
  [ "${ONEWINDOW_ROBUST_FULL:-}" = 1 ] && return 0
  local a; for a in "$@"; do [ "$a" = --full ] && return 0; done; return 1
}

# robust_engines NAME DRIVER BINARY [DRIVER ARGS...]: runs the driver on each engine, each in a fresh folder
# (its store, the audit key, scratch files) removed afterwards, also on a failure or a signal. Prints the
# summed tally "NAME: N passed, M failed" and returns non-zero on any failure.
robust_engines() {
  local name=$1 driver=$2 ow=$3; shift 3
  _robust_work=$(mktemp -d); _robust_pid=
  trap 'rm -rf "$_robust_work"' EXIT
  # A signal stops the driver (the writers it started end within seconds on their own) before the folder goes.
  trap '[ -n "$_robust_pid" ] && kill "$_robust_pid" 2>/dev/null; wait; exit 130' INT
  trap '[ -n "$_robust_pid" ] && kill "$_robust_pid" 2>/dev/null; wait; exit 143' TERM HUP
  local pass=0 fail=0 engine store dir p f t0
  for engine in sqlite ${ONEWINDOW_CLI_PG:+postgresql}; do
    dir=$_robust_work/$engine; mkdir -p "$dir"
    if [ "$engine" = sqlite ]; then store=$dir/store.sqlite; else store=$ONEWINDOW_CLI_PG; fi
    t0=$(date +%s)
    # In the background and waited for, so that a signal reaches the trap at once. The driver writes its
    # tally to $dir/tally ("PASSED FAILED") as its last act.
    python3 "$ROBUST_DIR/$driver" --binary "$ow" --store "$store" --work "$dir" --engine "$engine" "$@" \
      </dev/null 2>&1 &
    _robust_pid=$!
    wait "$_robust_pid"; _robust_pid=
    if [ -f "$dir/tally" ] && read -r p f < "$dir/tally"; then pass=$((pass + p)); fail=$((fail + f))
    else echo "FAIL: the $engine run ended without its tally"; fail=$((fail + 1)); fi
    echo "  ($engine: $(( $(date +%s) - t0 )) s)"
  done
  echo
  echo "$name: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
