# Shared by the tmux end-to-end scripts: a private tmux server, polling waits (no fixed sleeps) and a
# fresh store. Sourced after OW is set; the sourcing script prints the tally with `finish`.
OW=$(realpath "$OW")   # scripts may change folder
work=$(mktemp -d)
sock="$work/tmux.sock"
T() { tmux -S "$sock" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$work"' EXIT
export ONEWINDOW_STORE="$work/store.sqlite" ONEWINDOW_AUDIT_KEYS=${ONEWINDOW_AUDIT_KEYS:-$work/audit-keys}
unset ONEWINDOW_LANG ONEWINDOW_OPERATOR ONEWINDOW_PASSWORD NO_COLOR
pass=0; fail=0; current=""

screen() { T capture-pane -p -t e2e 2>/dev/null; }
# wait_for REGEX [seconds]: polls the pane until REGEX matches.
wait_for() {
  local regex=$1 limit=${2:-10} waited=0
  while ! screen | grep -qE -- "$regex"; do
    sleep 0.1; waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 10)) ]; then
      echo "FAIL [$current]: timed out waiting for /$regex/"; screen | sed 's/^/    |/'
      fail=$((fail + 1)); return 1
    fi
  done
  pass=$((pass + 1))
}
# gone REGEX [seconds]: polls until the screen no longer shows REGEX.
gone() {
  local regex=$1 limit=${2:-10} waited=0
  while screen | grep -qE -- "$regex"; do
    sleep 0.1; waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 10)) ]; then
      echo "FAIL [$current]: screen still shows /$regex/"; screen | sed 's/^/    |/'
      fail=$((fail + 1)); return 1
    fi
  done
  pass=$((pass + 1))
}
keys() { T send-keys -t e2e "$@"; }
# start [ARGS…]: a fresh 80×24 session running the counter.
start() { session "$OW $*; echo EXITED-\$?; sleep 60"; }
# session COMMAND: a fresh 80×24 session "e2e" running COMMAND. Killing the last session stops the
# server; a new-session that reached it while it was exiting failed ("server exited unexpectedly"),
# so wait until it is gone (a new server then starts with the script's environment as it is now).
session() {
  T kill-session -t e2e 2>/dev/null
  local waited=0
  while T ls >/dev/null 2>&1 && [ "$waited" -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
  T new-session -d -s e2e -x 80 -y 24 "$1"
}
sign_on() {  # sign_on NAME PASSWORD
  wait_for "OW00" && keys "$1" Tab "$2" Enter && wait_for "OW01"
}
sign_off() {  # F4 on the home screen, confirmed: back to the sign-on screen
  keys F4; wait_for "N/Esc/Enter"; keys y
}

check() {  # check DESCRIPTION COMMAND…: one assertion outside the screen (COMMAND may be a function below)
  if "${@:2}"; then pass=$((pass + 1)); else echo "FAIL [$current]: $1"; fail=$((fail + 1)); fi
}
# pane_has / pane_lacks REGEX: the pane, with its colour escape codes, does / does not match.
pane_has() { T capture-pane -e -p -t e2e | grep -qE -- "$1"; }
pane_lacks() { ! pane_has "$1"; }
quiet() { "$@" >/dev/null; }  # quiet COMMAND…: its output is not part of the report

finish() {
  echo
  echo "$1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
