#!/usr/bin/env bash
# End-to-end test of the fund's warning through the counter terminal (issue 11): a supervisor's home is quiet
# while the fund is healthy; after a month whose medical spending drains it, her home shows the warning with
# the menu number of OW50, OW50 shows the figures and months move with ←/→; a clerk sees neither.
# Usage: fund-e2e.sh PATH/TO/onewindow
set -uo pipefail
export TZ=Asia/Shanghai   # the counter keeps Beijing dates; the script's months must be the same
OW=${1:?path to the onewindow binary}
source "$(dirname "$0")/harness.sh"

root=(env ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1)
clerk=(env ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1)
zhao=(env ONEWINDOW_OPERATOR=zhao ONEWINDOW_PASSWORD=super-pass-1)
TJ=91120116MA05XXXX0J
last=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
{
  ONEWINDOW_PASSWORD=admin-pass-1 "$OW" init --admin root --region tianjin
  ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "${root[@]}" "$OW" operator add --name wang --role clerk
  ONEWINDOW_NEW_PASSWORD=super-pass-1 "${root[@]}" "$OW" operator add --name zhao --role supervisor
  "${clerk[@]}" "$OW" employer register --code $TJ --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
  "${clerk[@]}" "$OW" person enrol --id 110105199003070025 --name 李娜 --category employee --employer $TJ --base 8000 --from "${last%-*}-01"
  m="${last%-*}-01"
  while [[ $m < $last || $m == "$last" ]]; do
    "${clerk[@]}" "$OW" contributions run --month $m
    m=$(date -d "$m-01 +1 month" +%Y-%m)
  done
  # Healthy: an opening balance, and each month's other medical spending a little under its income.
  "${zhao[@]}" "$OW" fund opening --month "${last%-*}-01" --amount 6000 --document 期初
  m="${last%-*}-01"
  while [[ $m < $last || $m == "$last" ]]; do
    "${zhao[@]}" "$OW" fund entry --item medical --month $m --amount 600 --document "HIS-$m"
    m=$(date -d "$m-01 +1 month" +%Y-%m)
  done
} >"$work/setup.log" 2>&1 || { echo "FAIL: setup"; cat "$work/setup.log"; exit 1; }

current="supervisor: a healthy fund, a quiet home; the fund overview is the last menu entry"
start
sign_on zhao super-pass-1
wait_for "6 基金运行概览"
check "no fund warning on a healthy fund's home" pane_lacks "基金预警"
sign_off

current="the month's medical spending drains the fund: the warning stands above the menu"
"${zhao[@]}" "$OW" fund entry --item medical --month "$last" --amount 90000 --document "HIS-$last-2" >/dev/null 2>&1
sign_on zhao super-pass-1
wait_for "^ ! ${last}基金预警：可支付月数 -?[0-9.]+ 个月，低于 3 个月：严重不足"
wait_for "等[0-9]项，见菜单 6"
check "the warning is drawn in the warning style" pane_has $'\e\\[[0-9;]*m! '"$last"

current="OW50 from the menu: the figures, the warnings, months back and forth"
keys Tab 6
wait_for "OW50  基金运行概览"
wait_for "^ ${last}（未结账）"
wait_for "^ ! 可支付月数 -?[0-9.]+ 个月，低于 3 个月：严重不足"
wait_for "医疗待遇支出 +90,600.00"
keys Left
wait_for "^ $(date -d "$last-01 -1 month" +%Y-%m)（未结账）"
keys Right Right
wait_for "^ $(date +%Y-%m)（未结账，本月尚未结束）"
keys Right
wait_for "是本月，没有更晚的月份"
keys F3
wait_for "OW01"
sign_off

current="a clerk: no warning, no fund menu entry"
sign_on wang clerk-pass-1
wait_for "[0-9] 今日工作"
check "the clerk's home has no fund warning" pane_lacks "基金预警|基金运行概览"
sign_off

current="English"
start --lang en
wait_for "OW00"
keys zhao Tab super-pass-1 Enter
wait_for "Fund warning \\($last\\): payment capacity -?[0-9.]+ months, below 3: critically"
keys C-q
wait_for "Quit OneWindow\\?"
keys y
wait_for "EXITED-0"

finish fund-e2e
