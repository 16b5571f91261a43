#!/usr/bin/env bash
# End-to-end tests of the fund's books from the command line (issue 11), as a supervisor would keep them: a store
# with a year of counter work, then the report (text, JSON, CSV), totals from other systems, a drained fund's
# warnings, the old fund's one-time transfer, reversals, month close and the check. Usage: fund-test.sh ONEWINDOW
# On SQLite by default; with ONEWINDOW_CLI_PG set to the URL of an empty PostgreSQL database, on PostgreSQL.
set -uo pipefail
export TZ=Asia/Shanghai   # the counter keeps Beijing dates; the script's months must be the same
OW=${1:?path to the onewindow binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PG=${ONEWINDOW_CLI_PG:-}
export ONEWINDOW_STORE="${PG:-$work/store.sqlite}" ONEWINDOW_PASSWORD="admin-pass-1" ONEWINDOW_OPERATOR=root
unset ONEWINDOW_LANG
pass=0; fail=0
[ -n "$PG" ] && echo "fund: on PostgreSQL"
source "$(dirname "$0")/lib.sh"
LINA=110105199003070025; TJ=91120116MA05XXXX0J; ACCT=6222020200112233445
clerk=(env ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1)
zhao=(env ONEWINDOW_OPERATOR=zhao ONEWINDOW_PASSWORD=sup-pass-1)
qian=(env ONEWINDOW_OPERATOR=qian ONEWINDOW_PASSWORD=sup-pass-2)
last=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)   # the last finished month: the report's default
year=${last%-*}

# --- a year of counter work: contributions charged and paid every month, a claim paid -------------------
{
  "$OW" init --admin root --region tianjin
  ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "$OW" operator add --name wang --role clerk
  ONEWINDOW_NEW_PASSWORD=sup-pass-1 "$OW" operator add --name zhao --role supervisor
  ONEWINDOW_NEW_PASSWORD=sup-pass-2 "$OW" operator add --name qian --role supervisor
  "${clerk[@]}" "$OW" employer register --code $TJ --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
  "${clerk[@]}" "$OW" employer wage --code $TJ --year $((year - 1)) --wage 6000
  "${clerk[@]}" "$OW" person enrol --id $LINA --name 李娜 --category employee --employer $TJ --base 8000 --from $((year - 1))-01
  m=$((year - 1))-01
  while [[ $m < $last || $m == "$last" ]]; do
    "${clerk[@]}" "$OW" contributions run --month $m
    due=$("${clerk[@]}" "$OW" contributions arrears --employer $TJ --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["outstandingFen"]/100)')
    "${clerk[@]}" "$OW" contributions pay --employer $TJ --month $m --amount "$due"
    m=$(date -d "$m-01 +1 month" +%Y-%m)
  done
  "${clerk[@]}" "$OW" claim submit --id $LINA --date $last-10 --delivery natural --allowance --account $ACCT
  claim=$("${clerk[@]}" "$OW" claim show --id $LINA --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  "${zhao[@]}" "$OW" claim approve "$claim"
  "${zhao[@]}" "$OW" payments run
} >"$work/setup.log" 2>&1 || { echo "FAIL: setup"; cat "$work/setup.log"; exit 1; }
charged=$(sqlq "$ONEWINDOW_STORE" "SELECT SUM(amountFen) FROM contribution")
paid=$(sqlq "$ONEWINDOW_STORE" "SELECT SUM(amountFen) FROM paymentOrder WHERE status='paid'")
[[ $charged =~ ^[0-9]+$ && $paid =~ ^[0-9]+$ ]] && ok || bad "setup charged and paid something ($charged, $paid)"
charged_ytd=$(sqlq "$ONEWINDOW_STORE" "SELECT SUM(amountFen) FROM contribution WHERE month >= '$year-01'")

# --- who may look ----------------------------------------------------------------------------------------
expect "a clerk may not see the fund" 1 "^错误：经办员无权执行：查看基金账务与预警" -- "${clerk[@]}" "$OW" fund report
expect "an admin may see but not keep the books" 1 "管理员无权执行：管理基金账务" -- "$OW" fund entry --item interest --month $last --amount 1 --document X

# --- the report: posted by the counter itself, to the fen ------------------------------------------------
now=$(date +%Y-%m)   # the payment run paid today
json "report JSON defaults to the last finished month" "d['month']=='$last' and d['balanceFen']==$charged" -- "${zhao[@]}" "$OW" fund report --json
json "report JSON: income = everything charged, maternity item = benefits paid, balance = charged - paid" \
  "d['month']=='$now' and sum(l['yearToDateFen'] for l in d['income'])==$charged_ytd and d['expenditureFen']==$paid and d['balanceFen']==$charged-$paid and any(l['account']=='income.maternity' and l['yearToDateFen']>0 for l in d['income']) and [l['monthFen'] for l in d['expenditure'] if l['account']=='expense.maternityAllowance']==[$paid] and d['bandsAreSamples']" \
  -- "${zhao[@]}" "$OW" fund report --json --month $now
expect "report text names the items" 0 "生育津贴支出 +[0-9,.]+ +[0-9,.]+" -- "${zhao[@]}" "$OW" fund report --month $now
expect "report text says the bands are samples" 0 "（样例，待按本地文件设置）" -- "${zhao[@]}" "$OW" fund report
expect "report in English" 0 "Maternity allowance +[0-9,.]+ +[0-9,.]+" -- "${zhao[@]}" "$OW" fund report --lang en --month $now
expect "report CSV to a file" 0 "已写入 $work/r.csv" -- "${zhao[@]}" "$OW" fund report --csv --out "$work/r.csv" --month $now
python3 - "$work/r.csv" "$now" <<'PY' && ok || bad "the CSV opens with the BOM, its columns and criteria, amounts plain"
import csv, io, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf') and raw.endswith(b'\r\n'), raw[:8]
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
assert rows[0] == ['项目', '本月', '本年累计'], rows[0]
assert rows[1] == ['基金运行概览', sys.argv[2]], rows[1]
assert any(r[0] == '生育津贴支出' and r[1].replace('.', '').isdigit() and ',' not in r[1] for r in rows), rows
PY
"${zhao[@]}" "$OW" fund report --csv --no-bom >"$work/n.csv" 2>&1
head -c 3 "$work/n.csv" | grep -q $'\xef\xbb\xbf' && bad "--no-bom wrote a BOM" || ok

# --- a drained fund warns -------------------------------------------------------------------------------
expect "a total from another system, with its document" 0 "医疗待遇支出（其他系统结算） $last 80,000.00 元已入账" \
  -- "${zhao[@]}" "$OW" fund entry --item medical --month $last --amount 80000 --document "HIS-$last"
expect "the same document again is refused" 2 "凭证/文件号：该月该项目已按此凭证入账（凭证 [0-9]+）" \
  -- "${zhao[@]}" "$OW" fund entry --item medical --month $last --amount 80000 --document "HIS-$last"
expect "the drained fund shows its warnings" 0 "^! 预警：可支付月数 -?[0-9.]+ 个月，低于 3 个月：严重不足" -- "${zhao[@]}" "$OW" fund report
expect "and when it ran dry" 0 "^! 预警：按近12个月趋势，累计结存将于$last耗尽" -- "${zhao[@]}" "$OW" fund report
E=$(val 'd[-1]["id"]' -- "${zhao[@]}" "$OW" fund entries --json)
expect "reverse the total typed wrong" 0 "凭证 $E 已由凭证 [0-9]+ 冲销" -- "${zhao[@]}" "$OW" fund reverse "$E" --reason 金额录错
expect "a second reversal is refused" 1 "凭证 $E 已被凭证 [0-9]+ 冲销" -- "${zhao[@]}" "$OW" fund reverse "$E" --reason again
json "the reversal sits beside its original, sides swapped" \
  "[ (e['lines'][0]['debitFen'], e['lines'][0]['creditFen']) for e in d if e['id']==$E or e.get('reversalOf')==$E ] in ([(8000000,0),(0,8000000)], [(0,8000000),(8000000,0)])" \
  -- "${zhao[@]}" "$OW" fund entries --month $last --json

# --- the old maternity fund: once ----------------------------------------------------------------------
expect "the old fund's transfer" 0 "原生育保险基金 1,000,000.00 元已于 $year-01-05 清算划转" \
  -- "${zhao[@]}" "$OW" fund transfer-old --amount 1000000 --date $year-01-05 --document "津医保〔2019〕1号"
expect "a second transfer is refused" 1 "原生育保险基金已于$year-01清算划转 1,000,000.00 元，不能再次划转" \
  -- "${zhao[@]}" "$OW" fund transfer-old --amount 5 --date $year-02-01 --document again
expect "the old fund stands at zero" 0 "原生育保险基金：$year-01 清算划转 1,000,000.00 元，现余额 0.00 元（已关闭）" -- "${zhao[@]}" "$OW" fund report

# --- closing months -------------------------------------------------------------------------------------
first=$((year - 1))-01
expect "close the first month" 0 "$first 已结账" -- "${zhao[@]}" "$OW" fund close --month $first
expect "months close in order" 2 "应先结$((year - 1))-02的账" -- "${zhao[@]}" "$OW" fund close --month $((year - 1))-03
expect "nothing posts into a closed month" 2 "${first}已结账，不能再记账" -- "${zhao[@]}" "$OW" fund entry --item interest --month $first --amount 12.5 --document BANK-01
expect "the current month cannot be closed" 2 "尚未结束" -- "${zhao[@]}" "$OW" fund close --month "$(date +%Y-%m)"
expect "the check rebuilds everything and agrees" 0 "✓ 已结账月份期初 \+ 本期发生 = 期末.*（1 个月）" -- "${zhao[@]}" "$OW" fund check
expect "the check in English" 0 "✓ benefits paid [0-9,.]+ yuan, posted net of bank returns [0-9,.]+ yuan" -- "${zhao[@]}" "$OW" fund check --lang en

# --- statistics, reconciled with the books ----------------------------------------------------------------
json "stats JSON: one allowance paid this year, everything reconciled with the ledger, nobody out of sync" \
  "d['year']==$year and sum(m['allowanceCount'] for m in d['months'])==1 and sum(m['allowanceFen'] for m in d['months'])==$paid and d['averageAllowanceFen']==$paid and d['reconciled'] and d['employeesWithoutMaternity']==0" \
  -- "${zhao[@]}" "$OW" stats --json
expect "stats page: the check line" 0 "核对：各项金额与基金账务一致" -- "${zhao[@]}" "$OW" stats
expect "stats page: a bar for the month paid" 0 "^$now █+ +[0-9,.]+" -- "${zhao[@]}" "$OW" stats
expect "stats in English" 0 "Employees in medical but not maternity insurance: 0 \(0 expected\)" -- "${zhao[@]}" "$OW" stats --lang en
"${zhao[@]}" "$OW" stats --csv --out "$work/s.csv" >/dev/null 2>&1
python3 - "$work/s.csv" <<'PY' && ok || bad "stats CSV: BOM, long-form columns"
import csv, io, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf')
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
assert rows[0] == ['分类', '月份/项目', '类别', '指标', '数值'], rows[0]
assert all(len(r) == 5 for r in rows)
PY
expect "a clerk may not see statistics" 1 "经办员无权执行：查看基金账务与预警" -- "${clerk[@]}" "$OW" stats
expect "a year that is not one" 2 "^错误：年度：“20x”不是可统计的年度" -- "${zhao[@]}" "$OW" stats --year 20x

# --- next year's budget ---------------------------------------------------------------------------------
json "budget JSON: next year from this year's finished months, every line with its four reasons" \
  "d['year']==$year+1 and d['baseYear']==$year and d['baseMonths']==int('${last#*-}'.lstrip('0')) and all(l['principle'] and l['source'] and l['basis'] and l['reason'] for l in d['lines']) and d['closingBalanceFen']==d['openingBalanceFen']+d['incomeFen']-d['expenditureFen']" \
  -- "${zhao[@]}" "$OW" fund budget --json
printf '{"insuredChangeBp": 1000, "note": "参保扩面"}' >"$work/a.json"
json "assumptions move the lines they name" \
  "[l['amountFen'] for l in d['lines'] if l['account']=='income.individual']==[ (l['baseFen']*11000+5000)//10000 for l in d['lines'] if l['account']=='income.individual'] and d['assumptions']['note']=='参保扩面'" \
  -- "${zhao[@]}" "$OW" fund budget --json --assumptions "$work/a.json"
expect "the budget page states each line's basis" 0 "^  计算依据：" -- "${zhao[@]}" "$OW" fund budget --assumptions "$work/a.json"
expect "the budget page has the 以支定收 line" 0 "^以支定收：现行单位费率 [0-9.]+%" -- "${zhao[@]}" "$OW" fund budget
"${zhao[@]}" "$OW" fund budget --csv --out "$work/b.csv" >/dev/null 2>&1
python3 - "$work/b.csv" <<'PY' && ok || bad "budget CSV: BOM and the columns with the four reasons"
import csv, io, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf')
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
assert rows[0] == ['项目', '本年（年化）', '预算', '增减', '编制原则', '数据来源', '计算依据', '增减变化原因'], rows[0]
assert len(rows) > 8 and all(len(r) == 8 for r in rows)
PY
expect "adopt this year's budget (built on last year)" 0 "${year}年预算已批准" -- "${zhao[@]}" "$OW" fund budget --year $year --adopt
expect "a budget is adopted once" 1 "${year}年预算已由 zhao 于 .* 批准，不能再次批准" -- "${zhao[@]}" "$OW" fund budget --year $year --adopt
expect "budget against actuals: 序时进度 and deviation" 0 "^单位缴费收入 +[0-9,.]+ +[0-9,.]+ +[0-9,.]+ +-?[0-9.]+%" -- "${zhao[@]}" "$OW" fund budget --year $year --vs-actual
json "budget against actuals in JSON" "len(d)>5 and all(l['proratedFen']==(l['budgetFen']*int('${last#*-}'.lstrip('0'))*2+12)//24 for l in d if l['budgetFen']>=0)" \
  -- "${zhao[@]}" "$OW" fund budget --year $year --vs-actual --json
printf 'not json' >"$work/bad.json"
expect "a bad assumptions file is named" 1 "^错误：预算假设文件 .*bad.json 不是有效的 JSON" -- "${zhao[@]}" "$OW" fund budget --assumptions "$work/bad.json"
printf '{"insuredChange": 1000}' >"$work/typo.json"
expect "a key the budget does not know is refused, not ignored" 1 "不认识的键“insuredChange”" -- "${zhao[@]}" "$OW" fund budget --assumptions "$work/typo.json"
expect "a year too far" 2 "^错误：年度：“$((year + 3))”不是可编制预算的年度" -- "${zhao[@]}" "$OW" fund budget --year $((year + 3))

# --- the public disclosure, one page -------------------------------------------------------------------------
expect "disclosure: one page in 万元 with the maternity item" 0 "^  生育待遇支出 +[0-9,.]+  万元" -- "${zhao[@]}" "$OW" fund disclosure --month $now
expect "disclosure: beneficiaries counted" 0 "^享受生育保险待遇人次（扣除银行退回） +1  人次" -- "${zhao[@]}" "$OW" fund disclosure --month $now
"${zhao[@]}" "$OW" fund disclosure --csv --out "$work/d.csv" >/dev/null 2>&1
python3 - "$work/d.csv" <<'PY' && ok || bad "disclosure CSV: BOM, title row, three columns"
import csv, io, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf')
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
assert rows[0] == ['项目', '数值', '单位'] and rows[1][0].startswith('职工基本医疗保险基金') and all(len(r) == 3 for r in rows)
PY

# --- bad input: one line naming the field, exit 2, nothing written --------------------------------------
before=$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM ledgerEntry")
expect "a negative amount" 2 "^错误：金额：" -- "${zhao[@]}" "$OW" fund entry --item interest --month $last --amount -5 --document X
expect "an unknown item" 2 "^错误：项目：" -- "${zhao[@]}" "$OW" fund entry --item salary --month $last --amount 5 --document X
expect "a month that does not exist" 2 "^错误：月份：" -- "${zhao[@]}" "$OW" fund report --month $year-13
expect "a document with a control character" 2 "^错误：凭证/文件号：含有控制字符" -- "${zhao[@]}" "$OW" fund entry --item interest --month $last --amount 5 --document $'A\eB'
expect "a future month" 2 "^错误：月份：" -- "${zhao[@]}" "$OW" fund entry --item interest --month $((year + 1))-01 --amount 5 --document X
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM ledgerEntry")" = "$before" ] && ok || bad "refused input wrote entries"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit WHERE action IN ('ledger.enter','ledger.reverse','ledger.oldFund.transfer','ledger.close','budget.adopt')")" = 5 ] \
  && ok || bad "each supervisor's ledger write is audited"

echo
echo "fund: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
