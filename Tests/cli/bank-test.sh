#!/usr/bin/env bash
# End-to-end tests of the bank's side of a payment run and of the counter day (issue 11 item 5), from the command
# line: a store with two claims paid today, then `payments export` (the bank batch: BOM, columns, full accounts in
# the file and masked on screen), `payments import-returns` (a bad file refused with its line and nothing written,
# a good file, the same file again), and `daily summary` / `daily signoff` (per operator, office totals, sign-off
# once, a change after it). Usage: bank-test.sh ONEWINDOW
# On SQLite by default; with ONEWINDOW_CLI_PG set to the URL of an empty PostgreSQL database, on PostgreSQL.
set -uo pipefail
OW=${1:?path to the onewindow binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PG=${ONEWINDOW_CLI_PG:-}
export ONEWINDOW_STORE="${PG:-$work/store.sqlite}" ONEWINDOW_PASSWORD="admin-pass-1" ONEWINDOW_OPERATOR=root
unset ONEWINDOW_LANG
pass=0; fail=0
[ -n "$PG" ] && echo "bank: on PostgreSQL"
source "$(dirname "$0")/lib.sh"
LINA=110105199003070025; WEI=210102199204150042; TJ=91120116MA05XXXX0J
ACCT_A=6222020200112233445; ACCT_B=6217000010001234567
WEI_NAME='王,"薇"'   # a comma and a quote: the CSV must quote it
clerk=(env ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1)
zhao=(env ONEWINDOW_OPERATOR=zhao ONEWINDOW_PASSWORD=sup-pass-1)
today=$(TZ=Asia/Shanghai date +%F)   # the counter's day is a Beijing date, whatever the machine's zone
month_of() { TZ=Asia/Shanghai date -d "$1" +%Y-%m; }
last=$(month_of "${today:0:7}-01 -1 month"); first=$(month_of "${today:0:7}-01 -3 month")
year=${last%-*}

# --- two claims paid today: Li Na's allowance, and Wang Wei's (a payee name with a comma and a quote) --------
{
  "$OW" init --admin root --region tianjin
  ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "$OW" operator add --name wang --role clerk
  ONEWINDOW_NEW_PASSWORD=sup-pass-1 "$OW" operator add --name zhao --role supervisor
  "${clerk[@]}" "$OW" employer register --code $TJ --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
  "${clerk[@]}" "$OW" employer wage --code $TJ --year $((year - 1)) --wage 6000
  "${clerk[@]}" "$OW" person enrol --id $LINA --name 李娜 --category employee --employer $TJ --base 8000 --from $first
  "${clerk[@]}" "$OW" person enrol --id $WEI --name "$WEI_NAME" --category employee --employer $TJ --base 8000 --from $first
  m=$first
  while [[ $m < $last || $m == "$last" ]]; do
    "${clerk[@]}" "$OW" contributions run --month $m
    due=$("${clerk[@]}" "$OW" contributions arrears --employer $TJ --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["outstandingFen"]/100)')
    "${clerk[@]}" "$OW" contributions pay --employer $TJ --month $m --amount "$due"
    m=$(month_of "$m-01 +1 month")
  done
  "${clerk[@]}" "$OW" claim submit --id $LINA --date $last-10 --delivery natural --allowance --account $ACCT_A
  "${clerk[@]}" "$OW" claim submit --id $WEI --date $last-12 --delivery natural --allowance --account $ACCT_B
  for c in $("${zhao[@]}" "$OW" claim queue --json | python3 -c 'import json,sys; print(" ".join(str(c["id"]) for c in json.load(sys.stdin)))'); do
    "${zhao[@]}" "$OW" claim approve "$c"
  done
  "${zhao[@]}" "$OW" payments run
} >"$work/setup.log" 2>&1 || { echo "FAIL: setup"; cat "$work/setup.log"; exit 1; }
A=$(sqlq "$ONEWINDOW_STORE" "SELECT MIN(id) FROM paymentOrder WHERE status='paid'")
B=$(sqlq "$ONEWINDOW_STORE" "SELECT MAX(id) FROM paymentOrder WHERE status='paid'")
total=$(sqlq "$ONEWINDOW_STORE" "SELECT SUM(amountFen) FROM paymentOrder WHERE status='paid'")
[[ $A =~ ^[0-9]+$ && $B =~ ^[0-9]+$ && $A != "$B" ]] && ok || bad "setup paid two orders today ($A, $B)" "$(tail -5 "$work/setup.log")"

# --- the bank batch ----------------------------------------------------------------------------------------
expect "the batch on screen: masked accounts, the reference" 0 "^OW$A +李娜 +\*\*\*\*3445 +[0-9,.]+ +SY" -- "${zhao[@]}" "$OW" payments export --date $today
out=$("${zhao[@]}" "$OW" payments export --date $today 2>&1)
grep -q "$ACCT_A\|$ACCT_B" <<<"$out" && bad "the screen shows a full account" "$out" || ok
expect "the screen says how many and how much, and how to get the file" 0 "支付日期 $today 的银行批量文件：2 笔.*" -- "${zhao[@]}" "$OW" payments export --date $today
expect "the file for the bank" 0 "^已写入 $work/batch.csv（[0-9]+ 字节）" -- "${zhao[@]}" "$OW" payments export --date $today --out "$work/batch.csv"
python3 - "$work/batch.csv" "$A" "$B" "$ACCT_A" "$ACCT_B" "$WEI_NAME" "$total" <<'PY' && ok || bad "the batch file: BOM, CRLF, columns, full and masked accounts, the quoted name, plain yuan"
import csv, io, sys
path, a, b, acct_a, acct_b, wei, total = sys.argv[1:]
raw = open(path, 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf') and raw.endswith(b'\r\n'), raw[:8]
assert '"王,""薇"""'.encode() in raw, raw
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
assert rows[0] == ['参考号', '收款人', '账号', '账号（脱敏）', '金额（元）', '申领号', '回执号'], rows[0]
assert [r[0] for r in rows[1:]] == ['OW' + a, 'OW' + b], rows
assert rows[1][1:4] == ['李娜', acct_a, '****3445'] and rows[2][1:4] == [wei, acct_b, '****4567'], rows
assert all('.' in r[4] and ',' not in r[4] for r in rows[1:]), rows
assert round(sum(float(r[4]) for r in rows[1:]) * 100) == int(total), (rows, total)
assert all(r[6].startswith('SY') for r in rows[1:])
PY
"${zhao[@]}" "$OW" payments export --date $today --csv --no-bom >"$work/plain.csv" 2>&1
head -c 3 "$work/plain.csv" | grep -q $'\xef\xbb\xbf' && bad "--no-bom wrote a BOM" || ok
grep -q "^OW$A,李娜,$ACCT_A," "$work/plain.csv" && ok || bad "--csv writes the file to standard output" "$(cat "$work/plain.csv")"
json "batch JSON: masked accounts, amounts in fen" \
  "d['date']=='$today' and d['count']==2 and d['totalFen']==$total and [o['reference'] for o in d['orders']]==['OW$A','OW$B'] and all(o['account'].startswith('****') for o in d['orders'])" \
  -- "${zhao[@]}" "$OW" payments export --date $today --json
expect "the batch in English" 0 "Bank batch of payment date $today: 2 orders, [0-9,.]+ yuan in all" -- "${zhao[@]}" "$OW" payments export --date $today --lang en
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit WHERE action = 'payment.export' AND operator = 'zhao'")" -ge 5 ] && ok || bad "every export is audited"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit WHERE afterJSON LIKE '%$ACCT_A%' OR afterJSON LIKE '%$ACCT_B%'")" = 0 ] && ok || bad "a full account reached the audit log"
expect "a day without a run" 1 "^错误：支付日期 $year-01-01 没有已支付的支付单" -- "${zhao[@]}" "$OW" payments export --date $year-01-01
expect "a day to come" 2 "^错误：日期：" -- "${zhao[@]}" "$OW" payments export --date $((year + 2))-01-01
expect "a clerk may not export" 1 "^错误：经办员无权执行" -- "${clerk[@]}" "$OW" payments export --date $today

# --- the bank's return file: a bad file is refused whole, naming its line; nothing written -------------------
audit0=$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit")
printf '\xef\xbb\xbf参考号,状态,原因\r\nOW%s,失败,账户已销户\r\nOW999,成功,\r\n' "$A" >"$work/unknown.csv"
expect "an unknown reference: exit 2, the line and the field" 2 "^错误：银行回盘文件：第 3 行，参考号：没有参考号为 OW999 的支付单（未导入任何记录）$" \
  -- "${zhao[@]}" "$OW" payments import-returns "$work/unknown.csv"
printf '参考号,状态,原因\r\nOW%s,成功,"备注\r\n两行"\r\nOW%s,退票,\r\n' "$A" "$B" >"$work/status.csv"
expect "a bad status, after a quoted line break: the physical line" 2 "^错误：银行回盘文件：第 4 行，状态：“退票”不是处理结果" \
  -- "${zhao[@]}" "$OW" payments import-returns "$work/status.csv"
printf 'ref,status,reason\r\nOW%s,failed,x\r\n' "$A" >"$work/header.csv"
expect "a wrong header" 2 "^错误：银行回盘文件：第 1 行为“ref,status,reason”，表头应为 参考号,状态,原因" -- "${zhao[@]}" "$OW" payments import-returns "$work/header.csv"
printf '参考号,状态,原因\r\nOW%s,\xcd\xcb\xc6\xb1,x\r\n' "$A" >"$work/gbk.csv"
expect "a file that is not UTF-8" 2 "^错误：银行回盘文件：第 2 行不是有效的 UTF-8 文本" -- "${zhao[@]}" "$OW" payments import-returns "$work/gbk.csv"
printf '参考号,状态,原因\r\nOW%s,失败,\r\n' "$A" >"$work/noreason.csv"
expect "a failed line without a reason (English)" 2 "^Error: bank return file: line 2, reason: is required \(nothing imported\)$" \
  -- "${zhao[@]}" "$OW" payments import-returns "$work/noreason.csv" --lang en
expect "a file that is not there" 1 "^错误：无法读取文件" -- "${zhao[@]}" "$OW" payments import-returns "$work/none.csv"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit")" = "$audit0" ] && ok || bad "a refused file wrote to the audit log"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM paymentOrder WHERE status = 'paid'")" = 2 ] && ok || bad "a refused file changed an order"

# --- a good file, then the same file again ---------------------------------------------------------------
printf '\xef\xbb\xbf参考号,状态,原因\r\nOW%s,失败,账户已销户\r\nOW%s,成功,\r\n' "$A" "$B" >"$work/returns.csv"
expect "the bank's return file" 0 "^银行回盘：新记退回 1 笔，合计 [0-9,.]+ 元.*支付成功 1 笔" -- "${zhao[@]}" "$OW" payments import-returns "$work/returns.csv"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT status || ' ' || failure FROM paymentOrder WHERE id = $A")" = "failed 账户已销户" ] && ok || bad "the failed line's order is failed, with the bank's reason"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT c.status FROM claim c JOIN paymentOrder o ON o.claimID = c.id WHERE o.id = $A")" = approved ] && ok || bad "its claim is approved again"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT status FROM paymentOrder WHERE id = $B")" = paid ] && ok || bad "the success line's order is still paid"
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM ledgerEntry WHERE sourceKind = 'orderReturned' AND sourceRef = '$A' AND reversalOf IS NOT NULL")" = 1 ] && ok || bad "the ledger's reversal"
expect "the books still check" 0 "✓" -- "${zhao[@]}" "$OW" fund check
audit1=$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit")
expect "the same file again changes nothing, and says so" 0 "^银行回盘：没有新的退回，未作任何更改（此前已退回 1 笔" -- "${zhao[@]}" "$OW" payments import-returns "$work/returns.csv"
json "again, as JSON" "not d['changed'] and [o['order'] for o in d['alreadyReturned']]==[$A] and [o['order'] for o in d['succeeded']]==[$B] and d['returned']==[]" \
  -- "${zhao[@]}" "$OW" payments import-returns "$work/returns.csv" --json
expect "again, in English" 0 "^Bank return file: nothing newly returned, nothing changed \(1 returned before" -- "${zhao[@]}" "$OW" payments import-returns "$work/returns.csv" --lang en
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit")" = "$audit1" ] && ok || bad "importing again wrote to the audit log"
expect "the export of the day still lists the returned order" 0 "^OW$A .*已被银行退回" -- "${zhao[@]}" "$OW" payments export --date $today
expect "the returned order can be re-issued" 0 "已重新发起支付单" -- "${zhao[@]}" "$OW" payments reissue "$A"

# --- the counter day ---------------------------------------------------------------------------------------
pays=$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM contributionPayment")
paidfen=$(sqlq "$ONEWINDOW_STORE" "SELECT SUM(amountFen) FROM contributionPayment")
claimedfen=$(sqlq "$ONEWINDOW_STORE" "SELECT SUM(amountFen) FROM claim")
json "the day as JSON: wang's receipts, claims, registrations and payments; the office's totals" \
  "d['date']=='$today' and [o['name'] for o in d['operators']]==['wang'] and d['total']['receipts']==2 and d['total']['claims']==2 and d['total']['claimedFen']==$claimedfen and d['total']['employers']==1 and d['total']['enrolments']==2 and d['total']['payments']==$pays and d['total']['paidFen']==$paidfen and d.get('signoff') is None" \
  -- "${zhao[@]}" "$OW" daily summary --json
expect "the day's page: wang's row and the total" 0 "^wang +2 +2 +[0-9,.]+ +1 +2 +0 +$pays +[0-9,.]+$" -- "${zhao[@]}" "$OW" daily summary
expect "the page says the store is one office and that the day is not signed" 0 "未签核：主管核对无误后执行 daily signoff --date $today" -- "${zhao[@]}" "$OW" daily summary --date $today
for lang in zh en; do
  "${zhao[@]}" "$OW" daily summary --lang $lang >"$work/page-$lang.txt" 2>&1
  python3 - "$work/page-$lang.txt" <<'PY' && ok || bad "the $lang page fits 80 columns" "$(cat "$work/page-$lang.txt")"
import sys, wcwidth
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
assert len(lines) > 6 and all(wcwidth.wcswidth(l) <= 80 for l in lines), [(wcwidth.wcswidth(l), l) for l in lines if wcwidth.wcswidth(l) > 80]
PY
done
grep -q "^total .*$pays" "$work/page-en.txt" && grep -q "the store is one office" "$work/page-en.txt" && ok || bad "the English page" "$(cat "$work/page-en.txt")"
"${zhao[@]}" "$OW" daily summary --csv --out "$work/day.csv" >/dev/null 2>&1
python3 - "$work/day.csv" <<'PY' && ok || bad "the day as CSV: BOM, header, the operator and the total"
import csv, io, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf')
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
assert rows[0] == ['经办人', '受理回执', '申领笔数', '申领金额（元）', '单位登记', '参保登记', '变更登记', '缴费笔数', '缴费金额（元）'], rows[0]
assert rows[1][0] == '柜台日结' and rows[-2][0] == 'wang' and rows[-1][0] == '合计' and ',' not in rows[-1][3], rows
PY
expect "a clerk may not see the day" 1 "^错误：经办员无权执行：查看柜台日结" -- "${clerk[@]}" "$OW" daily summary
expect "a day to come" 2 "^错误：日期：" -- "${zhao[@]}" "$OW" daily signoff --date $((year + 2))-01-01
expect "an admin may not sign" 1 "^错误：管理员无权执行：签核柜台日结" -- "$OW" daily signoff --date $today
expect "the supervisor signs the day off" 0 "^$today 已签核：回执 2，申领 2 笔" -- "${zhao[@]}" "$OW" daily signoff --date $today
expect "once" 1 "^错误：$today 已由 zhao 于 $today [0-9:]+ 签核，不能再次签核" -- "${zhao[@]}" "$OW" daily signoff --date $today
expect "the page shows the sign-off" 0 "已签核：zhao 于 $today [0-9:]+ 签核，此后数据未变" -- "${zhao[@]}" "$OW" daily summary
"${clerk[@]}" "$OW" claim submit --id $LINA --date $today --operation iudInsertion --allowance --account $ACCT_A >/dev/null 2>&1 \
  && ok || bad "a claim after the sign-off"
expect "a change after the sign-off shows" 0 "签核后数据有变化" -- "${zhao[@]}" "$OW" daily summary
expect "with the totals as signed under today's" 0 "^签核时 +2 +2 " -- "${zhao[@]}" "$OW" daily summary
json "and in JSON" "d['changedSinceSignoff'] and d['signoff']['by']=='zhao' and d['signoff']['totals']['receipts']==2 and d['total']['receipts']==3" \
  -- "${zhao[@]}" "$OW" daily summary --json
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit WHERE action = 'daily.signoff'")" = 1 ] && ok || bad "the sign-off is audited once"

echo
echo "bank: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
