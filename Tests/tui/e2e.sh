#!/usr/bin/env bash
# End-to-end tests of the counter terminal: the real binary in tmux at 80×24, keys sent with send-keys,
# the screen read with capture-pane. Every wait polls until the screen shows what is expected (or times out);
# there are no fixed sleeps. Usage: e2e.sh PATH/TO/onewindow
set -uo pipefail
OW=${1:?path to the onewindow binary}
source "$(dirname "$0")/harness.sh"

# A store with a clerk and two employers, made with the command line.
ONEWINDOW_PASSWORD=admin-pass-1 "$OW" init --admin root --region tianjin >/dev/null
ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "$OW" operator add --name wang --role clerk >/dev/null
export ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1
"$OW" employer register --code 91120116MA05XXXX0J --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01 >/dev/null
"$OW" employer register --code 12440500MB2C1234P1 --name 汕头某事业单位 --region shantou --kind government >/dev/null
"$OW" person enrol --id 110105199003070025 --name 李娜 --category employee --employer 91120116MA05XXXX0J --base 8000 --from 2026-01 >/dev/null
unset ONEWINDOW_OPERATOR ONEWINDOW_PASSWORD

current="sign-on: wrong password keeps the operator and refocuses the password"
start
wait_for "OW00  操作员登录"
keys wang Tab wrong-password Enter
wait_for "操作员或密码不正确"
wait_for "操作员  wang"
keys clerk-pass-1 Enter
wait_for "OW01  首页.*wang（经办员）"

current="search by part of a name opens the one-window person view"
keys 娜 Enter
wait_for "OW10  个人参保信息"
wait_for "姓名：李娜 +身份证号码：110105\*+0025"
wait_for "【两险同步】"

current="back, then an unregistered ID offers registration with birth date and sex"
keys F3
wait_for "OW01"
keys C-u 210102199204150042 Enter
wait_for "尚未登记（出生 1992-04-15，女）"
keys n
gone "尚未登记（出生"

current="a wrong check character names the field and the reason"
keys C-u 210102199204150043 Enter
wait_for "身份证号码：校验位错误"

current="Ctrl-C asks before anything is lost; N keeps the typed text"
keys C-u 王 C-c
wait_for "退出 OneWindow？"
keys n
wait_for "查找 +王"

current="a multi-line paste keeps its first line; a long paste is clipped at the field's limit, with a message"
keys C-u
T set-buffer -b multi "$(printf '魏芳\n第二行')"
T paste-buffer -p -b multi -t e2e
wait_for "只粘贴了第一行"
wait_for "查找 +魏芳 "
keys C-u
T set-buffer -b long "$(printf '张%.0s' $(seq 60))"
T paste-buffer -p -b long -t e2e
wait_for "已达到长度上限（40个字）"
keys C-u 王

current="a resize below 80×24 asks to enlarge; back to size, the typed text is still there"
T resize-window -t e2e -x 60 -y 20
wait_for "请放大窗口"
T resize-window -t e2e -x 80 -y 24
wait_for "查找 +王"

current="keys still waiting when the window shrinks, an Esc among them, apply; the counter answers after"
# 400 keys typed at once keep the counter busy, so the Esc and what follows are still unread at the resize:
# they were typed on a screen the clerk could see and must apply, and reading them must not hang the counter.
keys -l "$(printf '王%.0s' $(seq 400))"; keys Escape C-u 李娜; T resize-window -t e2e -x 60 -y 20
wait_for "请放大窗口" 30
T resize-window -t e2e -x 80 -y 24
wait_for "查找 +李娜 " 30
keys C-u 王
wait_for "查找 +王 "

current="register a new employee from an unregistered ID: both schemes, synchronized"
keys C-u 210102199204150042 Enter
wait_for "尚未登记（出生 1992-04-15，女）"
keys y
wait_for "OW11  人员参保登记"
wait_for "身份证号码  210102199204150042 +出生 1992-04-15  女"
current="an empty required field: the cursor goes to it and the message says why"
keys Enter
wait_for "姓名：不能为空"
current="a wrong credit-code check character is refused on its field"
keys 魏芳 Tab Tab 91120116MA05XXXX0K Tab 8000 Enter
wait_for "用人单位：校验位错误"
current="a resize mid-form keeps what was typed"
T resize-window -t e2e -x 70 -y 20
wait_for "请放大窗口"
T resize-window -t e2e -x 100 -y 30
wait_for "姓名 +魏芳"
T resize-window -t e2e -x 80 -y 24
wait_for "缴费基数 +8000"
current="Ctrl-C mid-form asks; N keeps the form"
keys C-c
wait_for "有未保存的输入，仍要退出？"
keys n
wait_for "姓名 +魏芳"
current="fix the code, validate, see both schemes, save"
keys C-u 91120116MA05XXXX0J Enter
wait_for "生育保险：自 [0-9-]+ 起参保（同步）"
keys F5
wait_for "OW10  个人参保信息"
wait_for "已保存：魏芳"
wait_for "【两险同步】"
wait_for "在职职工  参保中 +\| [0-9-]+ +在职职工  参保中"
current="transfer her: both schemes end and restart together"
keys 1
wait_for "OW12  变更登记"
keys 12440500MB2C1234P1 Enter
wait_for "生育保险：截至 [0-9-]+ 结束（转移）"
current="transfer her: another region is a warning, and F5 asks before saving (Enter keeps the form)"
wait_for "本人现在天津市参保：跨统筹地区须办理医保"
keys F5
wait_for "仍要保存？"
keys Enter
wait_for "OW12  变更登记"
keys F5
wait_for "仍要保存？"
keys y
current="transfer her: both schemes end and restart together"
wait_for "已保存：转移单位"
wait_for "用人单位：汕头某事业单位"
wait_for "已转出 +\| .*已转出"
wait_for "【两险同步】"
current="back home and quit"
keys F3
wait_for "OW01"

current="English with --lang en"
keys F10
wait_for "退出 OneWindow？"
keys y
wait_for "EXITED-0"
start --lang en
wait_for "OW00  Operator sign-on"
keys wang Tab clerk-pass-1 Enter
wait_for "OW01  Home.*wang \(clerk\)"
keys C-q
wait_for "Quit OneWindow\?"
keys y
wait_for "EXITED-0"

current="colours by default, none under NO_COLOR (attributes only)"
start
wait_for "OW00"
check "no colour codes" pane_has $'\e\\[[0-9;]*(3[0-7]|4[0-7])[;m]'
session "NO_COLOR=1 $OW; sleep 60"
wait_for "OW00"
check "colour under NO_COLOR" pane_lacks $'\e\\[[0-9;]*(3[0-7]|4[0-7])[;m]'

current="a training store shows the TRAINING banner on every screen"
ONEWINDOW_PASSWORD=trainer-pass-1 "$OW" init --store "$work/training.sqlite" --admin trainer --region tianjin --training >/dev/null
session "$OW --store $work/training.sqlite; sleep 60"
wait_for "【培训 TRAINING】 OW00"
keys trainer Tab trainer-pass-1 Enter
wait_for "【培训 TRAINING】 OW01"
wait_for "培训模式：练习数据"

current="NO_COLOR and a missing store"
session "NO_COLOR=1 $OW --store $work/missing.sqlite; echo EXITED-\$?; sleep 60"
wait_for "没有数据文件.*EXITED-1|没有数据文件"

finish e2e
