#!/usr/bin/env bash
# End-to-end tests of the onewindow command line, run as a new user would: a fresh store, the README's
# walk-through, and bad input. Usage: cli-test.sh PATH/TO/onewindow
set -uo pipefail
OW=${1:?path to the onewindow binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ONEWINDOW_STORE="$work/store.sqlite" ONEWINDOW_PASSWORD="admin-pass-1" ONEWINDOW_OPERATOR=root
unset ONEWINDOW_LANG
pass=0; fail=0

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
audit_rows() { ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$OW" audit verify 2>&1 | grep -oE '[0-9]+' | head -1; }

LINA=110105199003070025; TJ=91120116MA05XXXX0J; ST=12440500MB2C1234P1

# --- the README walk-through -------------------------------------------------------------
expect "init creates a store" 0 "已创建数据文件" -- "$OW" init --admin root --region tianjin
expect "init refuses an existing store" 1 "数据文件已存在" -- "$OW" init --admin root --region tianjin
expect "add a clerk" 0 "已添加操作员 wang（经办员）" -- env ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "$OW" operator add --name wang --role clerk
expect "register a unified employer" 0 "已登记单位 $TJ" -- "$OW" employer register --code $TJ --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
expect "register an employer on old channels" 0 "已登记单位 $ST" -- "$OW" employer register --code $ST --name 汕头某事业单位 --region shantou --kind government
export ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1
expect "enrol an employee: both schemes" 0 "生育保险：自 2026-01 起参保" -- "$OW" person enrol --id $LINA --name 李娜 --category employee --employer $TJ --base 8000 --from 2026-01
json "person show: synchronized, one period per scheme" \
  'd["synchronized"] and sorted(e["scheme"] for e in d["enrolments"])==["maternity","medical"] and all(e["status"]=="active" and e["from"]=="2026-01" for e in d["enrolments"]) and d["citizenID"]=="110105********0025"' \
  -- "$OW" person show --id $LINA --json
expect "contributions run" 0 "新增2条" -- "$OW" contributions run --month 2026-09
expect "re-running a month changes nothing" 0 "新增0条，已有2条未变" -- "$OW" contributions run --month 2026-09
json "contribution lines in fen with rates" \
  'len(d)==2 and {x["item"] for x in d}=={"employerUnified","individualMedical"} and all(isinstance(x["amountFen"],int) and isinstance(x["baseFen"],int) and x["amountFen"]==(x["baseFen"]*x["rateBp"]+5000)//10000 for x in d)' \
  -- "$OW" contributions list --id $LINA --json
expect "transfer keeps both schemes in step" 0 "生育保险：截至 2026-09 结束（转移）" -- "$OW" person transfer --id $LINA --employer $ST --from 2026-10
json "after transfer: no gap, no overlap" \
  'd["synchronized"] and sorted((e["scheme"],e["from"],e.get("to")) for e in d["enrolments"])==[("maternity","2026-01","2026-09"),("maternity","2026-10",None),("medical","2026-01","2026-09"),("medical","2026-10",None)]' \
  -- "$OW" person show --id $LINA --json
expect "old-channel employer pays two employer items" 0 "单位生育（原渠道）" -- bash -c "'$OW' contributions run --month 2026-11 >/dev/null && '$OW' contributions list --employer $ST"
json "arrears derivable" 'len(d)==1 and d[0]["month"]=="2026-11" and d[0]["outstandingFen"]>0' -- "$OW" contributions arrears --employer $ST --json
expect "record a payment" 0 "欠缴 0.00 元" -- bash -c "'$OW' contributions pay --employer $ST --month 2026-11 --amount \$('$OW' contributions arrears --employer $ST --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"outstandingFen\"]/100)')"
expect "clerk may not reconcile --fix" 1 "经办员无权执行：修正参保核对" -- "$OW" reconcile --fix
expect "reconcile finds nothing" 0 "两险不一致：0人" -- "$OW" reconcile
expect "declare an employer's wage" 0 "2025年度职工月平均工资：6,000.00 元" -- "$OW" employer wage --code $ST --year 2025 --wage 6000
json "estimate a twin caesarean: breakdown, deferral and allowance in fen" \
  'd["verdict"] in ("deferred","eligible") and d["basisFen"]==600000 and d["allowanceFen"]==(600000*d["allowanceDays"]*2+30)//60 and any("Special Provisions art. 7" in l["rule"] for l in d["leave"]) and d["medical"][0]["paidFen"]==min(420000, d["medical"][0]["standardFen"])' \
  -- "$OW" claim estimate --lang en --id $LINA --date 2026-11-20 --delivery caesarean --babies 2 --bill delivery=4200 --json
expect "estimate in Chinese names each rule and flags samples" 0 "生育产假（女职工劳动保护特别规定第七条） +98天" -- "$OW" claim estimate --id $LINA --date 2026-11-20 --delivery natural
expect "a miscarriage needs the pregnancy start" 2 "孕期起算日：不能为空" -- "$OW" claim estimate --id $LINA --date 2026-11-20 --miscarriage
printf 'hospital,billNo,citizenID,settledOn,amountYuan\n汕头市妇幼保健院,SZ001,%s,2026-11-19,3200\n' $LINA > "$work/settled.csv"
expect "import a direct-settlement list" 0 "已导入直接结算记录1条，已有0条" -- "$OW" settlements import "$work/settled.csv"
expect "importing it again adds nothing" 0 "已导入直接结算记录0条，已有1条" -- "$OW" settlements import "$work/settled.csv"
expect "retire: maternity ends" 0 "职工医保：自 2026-12 起参保，退休人员" -- "$OW" person retire --id $LINA --from 2026-12
export ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1
expect "rate period from next year" 0 "已添加 tianjin 自 2027-01 起的费率期间" -- "$OW" policy add --region tianjin --from 2027-01 --employer-medical-rate 7 --source "测试文号"
json "policy show uses the new period" 'd["contribution"]["employerMedicalRate"]["value"]==700 and d["from"]=="2027-01"' -- "$OW" policy show --region tianjin --month 2027-02 --json
expect "audit verify" 0 "审计日志完整" -- "$OW" audit verify

# --- bad input: one line naming the field and the reason, non-zero exit, nothing written ---
export ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1
rows=$(audit_rows)
expect "wrong ID checksum (zh)" 2 "^错误：身份证号码：校验位错误" -- "$OW" person enrol --id 110105199003070026 --name 王芳 --category employee --employer $TJ --base 8000 --from 2026-01
expect "wrong ID checksum (en)" 2 "^Error: citizen ID: check character is wrong" -- "$OW" person enrol --lang en --id 110105199003070026 --name Wang --category employee --employer $TJ --base 8000 --from 2026-01
expect "ONEWINDOW_LANG=en" 2 "^Error: citizen ID" -- env ONEWINDOW_LANG=en "$OW" person show --id 110105199003070026
expect "impossible birth date" 2 "出生日期19990229不存在" -- "$OW" person enrol --id 110105199902290021 --name 王芳 --category employee --employer $TJ --base 8000 --from 2026-01
expect "unknown employer" 2 "用人单位：单位 91210102MA0Y2K3L4J 尚未登记|用人单位：单位91210102MA0Y2K3L4J尚未登记" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category employee --employer 91210102MA0Y2K3L4J --base 8000 --from 2026-01
expect "negative base" 2 "缴费基数：不能为负数" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category employee --employer $TJ --base=-100 --from 2026-01
expect "month not YYYY-MM" 2 "起始月份：“2026/01”不是月份" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category employee --employer $TJ --base 8000 --from 2026/01
expect "month 13 (en)" 2 "from month: month 2026-13 does not exist" -- "$OW" person enrol --lang en --id 210102199204150042 --name Wei --category employee --employer $TJ --base 8000 --from 2026-13
expect "bad credit code" 2 "统一社会信用代码：含有不允许的字符“I”" -- "$OW" employer register --code 9112011IMA05XXXX0J --name x --region tianjin --kind enterprise
expect "unknown region" 2 "统筹地区：没有地区“beijing”" -- "$OW" employer register --code 91210102MA0Y2K3L4J --name x --region beijing --kind enterprise
expect "unknown category" 2 "人员类别：“student”不是可选值" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category student --base 8000 --from 2026-01
expect "clerk cannot add operators" 1 "经办员无权执行：管理操作员" -- env ONEWINDOW_NEW_PASSWORD=x12345678 "$OW" operator add --name eve --role admin
# Failed attempts are audited (sign-on failures, refusals); the data tables must not change.
json "nothing written by bad input" 'len(d["enrolments"])==5' -- "$OW" person show --id $LINA --json
expect "no such person" 2 "身份证号码：210102\*+0042尚未登记" -- "$OW" person show --id 210102199204150042
[ "$(audit_rows)" -gt "$rows" ] && ok || bad "refusals are audited"
expect "wrong password" 1 "操作员或密码不正确" -- env ONEWINDOW_PASSWORD=nope "$OW" person show --id $LINA
expect "no password and no terminal: an error, not a hang" 1 "无法读取密码" -- env -u ONEWINDOW_PASSWORD "$OW" person show --id $LINA
expect "missing store" 1 "没有数据文件" -- "$OW" person show --store "$work/none.sqlite" --id $LINA
[ ! -e "$work/none.sqlite" ] && ok || bad "a missing store must not be created"

export ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1
# --- two counters writing at once: every write lands, the audit chain stays whole -----------
codes=$(python3 - <<'PY'
A = "0123456789ABCDEFGHJKLMNPQRTUWXY"; W = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
for i in range(16):
    b = "9112011600000%04d" % i
    print(b + A[(31 - sum(A.index(c) * w for c, w in zip(b, W)) % 31) % 31])
PY
)
before=$(audit_rows)
for k in 0 1; do
  ( i=0; for code in $codes; do
      [ $((i % 2)) -eq $k ] && { "$OW" employer register --code "$code" --name "并发单位$i" --region tianjin --kind enterprise >/dev/null 2>&1 || echo "register $code failed"; }
      i=$((i+1)); done ) > "$work/writer$k.log" &
done
wait
if [ -s "$work/writer0.log" ] || [ -s "$work/writer1.log" ]; then bad "concurrent writers" "$(cat "$work"/writer*.log)"; else ok; fi
expect "audit chain intact after concurrent writes" 0 "审计日志完整：$((before + 16))条" -- "$OW" audit verify

# --- tampering is detected ---------------------------------------------------------------
python3 - "$ONEWINDOW_STORE" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("DROP TRIGGER audit_no_update")
c.execute("UPDATE audit SET operator='mallory' WHERE seq=5"); c.commit()
PY
expect "audit verify detects tampering" 1 "审计日志被篡改.*altered:5" -- "$OW" audit verify

echo
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
