#!/usr/bin/env bash
# End-to-end test of the training mode: `onewindow demo` in tmux at 80×24, as a new trainee meets it.
# Start (the sandbox is created in the per-user training folder), sign on with one key, do the
# "register a new employee" exercise on the real screens and see it scored; reset keeps the score;
# a live store is refused and, like the live store named by $ONEWINDOW_STORE throughout, left
# byte for byte as it was. Every wait polls the screen (no fixed sleeps). Usage: demo-e2e.sh PATH/TO/onewindow
set -uo pipefail
OW=${1:?path to the onewindow binary}
source "$(dirname "$0")/harness.sh"
export XDG_DATA_HOME="$work/xdg"
sandbox="$XDG_DATA_HOME/onewindow/training/sandbox.sqlite"

# The exercises' subject, read from the sandbox (what the goal on the screen names).
cast() { python3 -c "import sqlite3,json,sys; c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True); \
print(json.loads(c.execute(\"SELECT json FROM trainingCast WHERE role='newHire'\").fetchone()[0])[sys.argv[2]])" "$sandbox" "$1"; }
fingerprint() { for f in "$@"; do [ -e "$f" ] && { sha256sum "$f" | cut -d' ' -f1; stat -c '%s %Y' "$f"; } || echo "absent $f"; done; }

# A live store with an employer in it, named by $ONEWINDOW_STORE the whole time: the demo must never touch it.
export ONEWINDOW_STORE="$work/live.sqlite"
ONEWINDOW_PASSWORD=admin-pass-1 "$OW" init --admin root --region tianjin >/dev/null
ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$OW" employer register --code 91120116MA05XXXX0J \
  --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01 >/dev/null
live_files=("$ONEWINDOW_STORE" "$ONEWINDOW_STORE-wal" "$ONEWINDOW_STORE-shm")
live_before=$(fingerprint "${live_files[@]}")
sleep 1  # any write from here on would change a modification time

current="first start: the sandbox is created in the training folder; the start screen carries the banner"
start demo
wait_for "【培训 TRAINING】 OW03  培训模式" 30
wait_for "按一个键签到"
check "sandbox created at $sandbox" test -f "$sandbox"
current="training colours: the header is on yellow"
check "no yellow" pane_has $'\e\\[[0-9;]*43[;m]'

current="one key signs the trainee on"
keys 1
wait_for "【培训 TRAINING】 OW01  首页 .*trainee（实习员）"
wait_for "培训模式：练习数据"
wait_for "3 练习 +4 重置练习数据"

current="the exercises from the home menu"
keys Tab 3
wait_for "OW80  练习"
wait_for "得分 0 / 45"
keys Enter
wait_for "OW81  练习"
wait_for "练习 1/6：登记新招用的职工"
id=$(cast citizenID); name=$(cast name); employer=$(cast employer); base=$(( $(cast baseFen) / 100 ))
wait_for "${id:0:6}"

current="F5 before doing it: not passed, and why"
keys F5
wait_for "未通过"
wait_for "✗ .*尚未登记"

current="F6: register the new hire on the real screens"
keys F6
wait_for "OW01  首页"
keys "$id" Enter
wait_for "尚未登记（出生"
keys y
wait_for "OW11  人员参保登记"
keys "$name" Tab Tab "$employer" Tab "$base" Enter
wait_for "生育保险：自 [0-9-]+ 起参保（同步）"
keys F5
wait_for "OW10  个人参保信息"
wait_for "【两险同步】"

current="F3 back to the exercise, F5: passed and scored"
keys F3
wait_for "OW01  首页"
keys F3
wait_for "OW81  练习"
keys F5
wait_for "通过，得 10 分（第 2 次尝试）"
wait_for "✓ 缴费基数"
keys F3
wait_for "得分 10 / 45"
wait_for "已通过 +2"

current="quit; --reset rebuilds the data in English, the score is kept"
keys F10
wait_for "退出 OneWindow？"
keys y
wait_for "EXITED-0"
start demo --reset --lang en
wait_for "\[TRAINING\] OW03  Training mode" 30
keys 1
wait_for "\[TRAINING\] OW01  Home"
keys Tab 3
wait_for "score 10 / 45"
keys Enter
wait_for "Exercise 1/6"
keys F5
wait_for "✗ .* is not registered"
keys C-q
wait_for "Quit OneWindow\?"
keys y
wait_for "EXITED-0"

current="a live store given as the sandbox is refused, untouched"
start demo --sandbox "$ONEWINDOW_STORE"
wait_for "不是培训库.*|EXITED-1"
wait_for "EXITED-1"
check "the live store's bytes and modification times are unchanged" test "$(fingerprint "${live_files[@]}")" = "$live_before"

current="NO_COLOR: the text markers carry it alone"
session "NO_COLOR=1 $OW demo; sleep 60"
wait_for "【培训 TRAINING】 OW03"
check "colour under NO_COLOR" pane_lacks $'\e\\[[0-9;]*(3[0-7]|4[0-7])[;m]'
keys 2
wait_for "OW01  首页 .*instructor（主管）"
wait_for "培训模式：练习数据"

finish demo-e2e
