#!/usr/bin/env bash
# The concurrency test (issue 12): eight counters (six clerks, two supervisors; each command its own process)
# doing mixed reads and writes, and a chunked month run beside them, for a fixed time: every command succeeds
# (no lock, busy or serialization error reaches a clerk), no acknowledged write is lost, no receipt number is
# given twice, no order paid twice, the audit chain intact, `onewindow check` passes. The driver is
# Tests/robust/concurrency.py; it prints operations and errors per engine.
#
#   concurrency-test.sh PATH/TO/onewindow [--full]
#
# On SQLite; with ONEWINDOW_CLI_PG set to the URL of an empty PostgreSQL database, there as well.
# CI size: 40 s of counter work per engine; --full or ONEWINDOW_ROBUST_FULL=1: 300 s. ONEWINDOW_CONCURRENCY_SECONDS
# sets the time; ONEWINDOW_CONCURRENCY_SEED the seed of each counter's choices (default 1).
set -uo pipefail
OW=${1:?path to the onewindow binary}
source "$(dirname "$0")/lib.sh"
if robust_full "$@"; then seconds=300; else seconds=40; fi
seconds=${ONEWINDOW_CONCURRENCY_SECONDS:-$seconds}
seed=${ONEWINDOW_CONCURRENCY_SEED:-1}
echo "concurrency: 8 counters and a month run, $seconds s per engine, seed $seed"
robust_engines concurrency concurrency.py "$OW" --seconds "$seconds" --seed "$seed"
