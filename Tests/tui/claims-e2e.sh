#!/usr/bin/env bash
# End-to-end test of a maternity allowance claim through the counter terminal (issue 4): a clerk takes
# the claim and prints the receipt, the supervisor who took another claim is refused it (four eyes),
# a second supervisor approves, runs the payments, and the clerk's person view shows the claim paid.
# Usage: claims-e2e.sh PATH/TO/onewindow
set -uo pipefail
OW=${1:?path to the onewindow binary}
source "$(dirname "$0")/harness.sh"

ONEWINDOW_PASSWORD=admin-pass-1 "$OW" init --admin root --region tianjin >/dev/null
for op in "wang clerk clerk-pass-1" "zhao supervisor super-pass-1" "qian supervisor super-pass-2"; do
  set -- $op
  ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 ONEWINDOW_NEW_PASSWORD=$3 "$OW" operator add --name $1 --role $2 >/dev/null
done
export ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1
"$OW" employer register --code 91120116MA05XXXX0J --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01 >/dev/null
"$OW" person enrol --id 110105199003070025 --name 李娜 --category employee --employer 91120116MA05XXXX0J --base 8000 --from 2025-01 >/dev/null
"$OW" person enrol --id 210102199204150042 --name 魏芳 --category employee --employer 91120116MA05XXXX0J --base 8000 --from 2025-01 >/dev/null
"$OW" employer wage --code 91120116MA05XXXX0J --year 2025 --wage 6000 >/dev/null
# A claim zhao takes herself at the counter (on the command line here): she must never decide it.
ONEWINDOW_OPERATOR=zhao ONEWINDOW_PASSWORD=super-pass-1 "$OW" claim submit --id 210102199204150042 --date 2026-10-01 \
  --delivery natural --allowance --account 6217000010001234567 >/dev/null
unset ONEWINDOW_OPERATOR ONEWINDOW_PASSWORD
# printed receipts land in receipts/ beside the store, inside $work

current="clerk: person view → claim type and checklist"
start
sign_on wang clerk-pass-1
keys 李娜 Enter
wait_for "OW10  个人参保信息"
keys 4
wait_for "OW30  申领生育待遇"
keys Enter
wait_for "光标处的材料尚未勾选"
keys Space Down Space Enter
wait_for "OW31  申领生育津贴"

current="clerk: F5 before Enter only tells; Enter computes the allowance with its rules"
keys 2026-10-08 F5
wait_for "请先按 Enter 校验并核算"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab 6222020012345678 Enter
wait_for "生育津贴（元） +31,600.00"
wait_for "6,000.00 元 ÷ 30 × 158 天 = 31,600.00 元"
wait_for "校验通过，按 F5 提交"

current="clerk: F5 files the claim; the receipt shows the number and prints to a file"
keys F5
wait_for "OW32  受理回执"
wait_for "回执号：SY[0-9]{8}-0002"
keys F6
wait_for "SY[0-9]{8}-0002\.txt"
receipt=$(find "$work" -name 'SY*-0002.txt' | head -1)
check "no printed receipt with the amount" grep -qs "生育津贴  31,600.00 元" "$receipt"

current="zhao's queue: her own claim is refused by four eyes and stays pending"
keys F3; wait_for "OW10"; keys F3; wait_for "OW01"
sign_off
sign_on zhao super-pass-1
keys C-u Tab 3
wait_for "OW35  审核队列"
wait_for "待审核 2 件"
keys Enter
wait_for "OW36  申领审核"
wait_for "魏芳"
keys F5; wait_for "Y/F5"; keys y
wait_for "不能审核自己受理的申领"
keys F3
wait_for "待审核 2 件"

current="qian approves the clerk's claim and runs the payments"
keys F3; wait_for "OW01"
sign_off
sign_on qian super-pass-2
keys C-u Tab 3
wait_for "OW35  审核队列"
keys Down Enter
wait_for "OW36  申领审核"
wait_for "李娜"
keys F5
wait_for "核准生育津贴 31,600.00 元"
keys y
wait_for "支付单 [0-9]+ 已生成"
keys F3; wait_for "OW01"
keys C-u Tab 4
wait_for "OW37  待遇支付"
keys 1
wait_for "支付 1 笔，合计 31,600.00 元"
keys y
wait_for "已支付 1 笔，合计 31,600.00 元"

current="the clerk's person view shows the claim paid"
keys F3; wait_for "OW01"
sign_off
sign_on wang clerk-pass-1
keys 李娜 Enter
wait_for "OW10  个人参保信息"
keys Tab Tab
wait_for "SY[0-9]{8}-0002 +生育津贴 +31,600.00 +已支付 +20[0-9-]{8}"

current="the audit chain is intact after the whole flow"
check "audit verify failed" quiet env ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$OW" audit verify

finish claims-e2e
