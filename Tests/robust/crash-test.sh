#!/usr/bin/env bash
# The crash test (issue 12): writers killed with SIGKILL at seeded random moments during registrations
# (employer register, person enrol), chunked month runs, claim submissions, approvals (four eyes) and payment
# runs; afterwards every acknowledged write is there, nothing is half-written, and `onewindow check` passes.
# The driver is Tests/robust/crash.py; it prints the kills, acknowledged writes, lost and half-written.
#
#   crash-test.sh PATH/TO/onewindow [--full]
#
# On SQLite; with ONEWINDOW_CLI_PG set to the URL of an empty PostgreSQL database, there as well.
# CI size: 300 kills per engine (a few minutes); --full or ONEWINDOW_ROBUST_FULL=1: 2,000 kills per engine, more
# months and persons. ONEWINDOW_CRASH_KILLS sets the number of kills; ONEWINDOW_CRASH_SEED the seed (default 1),
# which fixes the schedule (commands, arguments, when each is killed), not the machine's timing.
set -uo pipefail
OW=${1:?path to the onewindow binary}
source "$(dirname "$0")/lib.sh"
seed=${ONEWINDOW_CRASH_SEED:-1}
if robust_full "$@"; then kills=2000 months=60 persons=60; else kills=300 months=24 persons=30; fi
kills=${ONEWINDOW_CRASH_KILLS:-$kills}
echo "crash: seed $seed (ONEWINDOW_CRASH_SEED=$seed repeats the schedule), $kills kills per engine"
robust_engines crash crash.py "$OW" --seed "$seed" --kills "$kills" --months "$months" --persons "$persons"
