#!/usr/bin/env bash
# End-to-end tests of the onewindow command line, run as a new user would: a fresh store, the README's
# walk-through, and bad input. Usage: cli-test.sh PATH/TO/onewindow
# On SQLite by default; with ONEWINDOW_CLI_PG set to the URL of an empty PostgreSQL database, the same
# walk-through runs there (what only a file has, its mode and bytes and a read-only copy, is SQLite's alone).
set -uo pipefail
OW=${1:?path to the onewindow binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PG=${ONEWINDOW_CLI_PG:-}
export ONEWINDOW_STORE="${PG:-$work/store.sqlite}" ONEWINDOW_PASSWORD="admin-pass-1" ONEWINDOW_OPERATOR=root
unset ONEWINDOW_LANG
pass=0; fail=0
[ -n "$PG" ] && echo "cli: on PostgreSQL"
source "$(dirname "$0")/lib.sh"
audit_rows() { ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$OW" audit verify 2>&1 | grep -oE '[0-9]+' | head -1; }

LINA=110105199003070025; TJ=91120116MA05XXXX0J; ST=12440500MB2C1234P1

# --- the README walk-through -------------------------------------------------------------
expect "init creates a store" 0 "已(创建数据文件|在数据库 postgresql://.* 中创建OneWindow数据)" -- "$OW" init --admin root --region tianjin
expect "init refuses an existing store" 1 "数据文件已存在|数据库中已有OneWindow数据" -- "$OW" init --admin root --region tianjin
expect "add a clerk" 0 "已添加操作员 wang（经办员）" -- env ONEWINDOW_NEW_PASSWORD=clerk-pass-1 "$OW" operator add --name wang --role clerk
expect "register a unified employer" 0 "已登记单位 $TJ" -- "$OW" employer register --code $TJ --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
expect "the common options may come before the subcommand" 0 "已登记单位 91110000MA0000000H" -- env -u ONEWINDOW_STORE "$OW" --store "$ONEWINDOW_STORE" --lang zh employer register --code 91110000MA0000000H --name 北京某某有限公司 --region national --kind enterprise --unified-from 2020-01
expect "--help says plainly it is English" 0 "Help: in English only" -- "$OW" --help
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
printf 'hospital,billNo,citizenID,settledOn,amountYuan\n\n汕头市妇幼保健院,SZ002,%s,2026-11-19,0\n汕头市妇幼保健院,SZ003,%s,2026-11-19,10\n' $LINA $LINA > "$work/bad-settled.csv"
expect "a bad line refuses the file: its line in the file, the field, exit 2" 2 "^错误：直接结算文件：第3行：金额：必须大于0（未导入任何记录" -- "$OW" settlements import "$work/bad-settled.csv"
expect "--partial imports the good lines and lists the bad" 0 "未导入的行 1 行：" -- "$OW" settlements import --partial "$work/bad-settled.csv"
printf 'hospital,billNo,citizenID,settledOn,amountYuan\n\xc4\xe3,SZ004,%s,2026-11-19,10\n' $LINA > "$work/gbk.csv"
expect "a file that is not UTF-8 is refused, not read with replacement characters" 2 "第 2 行不是有效的 UTF-8 文本" -- "$OW" settlements import "$work/gbk.csv"
# Warnings are not errors: one line each on stderr, and the command goes on.
out=$("$OW" person retire --id $LINA --from 2026-12 2>"$work/warn.txt" </dev/null); rc=$?
[ $rc -eq 0 ] && grep -q "职工医保：自 2026-12 起参保，退休人员" <<<"$out" && ok || bad "retire: maternity ends (exit $rc)" "$out"
grep -qE "^提示：登记为退休人员：2026-12 时本人 [0-9]+ 岁，低于女职工最低退休年龄 50 岁.*（样例数值，未确认）$" "$work/warn.txt" && ! grep -q "提示" <<<"$out" \
  && ok || bad "retiring at 36 warns on stderr, naming the retirement age" "$(cat "$work/warn.txt")"
export ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1
expect "rate period from next year" 0 "已添加 tianjin 自 2027-01 起的费率期间" -- "$OW" policy add --region tianjin --from 2027-01 --employer-medical-rate 7 --source "测试文号"
json "policy show uses the new period" 'd["contribution"]["employerMedicalRate"]["value"]==700 and d["from"]=="2027-01"' -- "$OW" policy show --region tianjin --month 2027-02 --json
expect "audit verify" 0 "审计日志完整" -- "$OW" audit verify

# --- claims, approval and payments (issue 4) ---------------------------------------------------
# Four women at the Tianjin employer (no contribution months required there); wang takes claims,
# zhao and qian are supervisors. Claim and order numbers are read back from the JSON output.
A=120101199205060024; B=120103199307140044; C=120104199102230069; D=120105199409110084
ACCT_A=6222020200112233445; ACCT_B=6222020200556677889; ACCT_C=6222020200998877665; ACCT_D=6222020200443322110
audit_count() { sqlq "$ONEWINDOW_STORE" "$1"; }
zhao=(env ONEWINDOW_OPERATOR=zhao ONEWINDOW_PASSWORD=sup-pass-1)
qian=(env ONEWINDOW_OPERATOR=qian ONEWINDOW_PASSWORD=sup-pass-2)
expect "add a supervisor" 0 "已添加操作员 zhao（主管）" -- env ONEWINDOW_NEW_PASSWORD=sup-pass-1 "$OW" operator add --name zhao --role supervisor
expect "add a second supervisor" 0 "已添加操作员 qian（主管）" -- env ONEWINDOW_NEW_PASSWORD=sup-pass-2 "$OW" operator add --name qian --role supervisor
export ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1
expect "declare the Tianjin employer's wage" 0 "6,000.00 元" -- "$OW" employer wage --code $TJ --year 2025 --wage 6000
while read -r id name from; do
  expect "enrol $name" 0 "生育保险：自 $from 起参保" -- "$OW" person enrol --id $id --name $name --category employee --employer $TJ --base 6000 --from $from
done <<<"$A 王芳 2026-01
$B 赵敏 2026-05
$C 孙丽 2026-01
$D 周婷 2026-01"

expect "submit without a benefit says what is missing" 2 "^错误：申领：请给出 --allowance（生育津贴）或至少一个 --bill" -- "$OW" claim submit --id $A --date 2026-11-10 --delivery natural --account $ACCT_A
expect "a bill without hospital and number shows the syntax" 2 "票据：“delivery=3200”应写作 项目=金额@医院#票据号" -- "$OW" claim submit --id $A --date 2026-11-10 --delivery natural --bill delivery=3200 --account $ACCT_A
expect "a short account number" 2 "银行账户：应为12至30位数字（现为5位）" -- "$OW" claim submit --id $A --date 2026-11-10 --delivery natural --allowance --account 12345
expect "clerk submits an allowance claim: receipt number printed" 0 "回执号：SY[0-9]{8}-[0-9]{4}  受理日期" -- "$OW" claim submit --id $A --date 2026-11-10 --delivery natural --allowance --account $ACCT_A
CA=$(val 'd[0]["id"]' -- "$OW" claim show --id $A --json)
json "the allowance claim: fen, days, computation, submitted" \
  'd["kind"]=="allowance" and d["status"]=="submitted" and isinstance(d["amountFen"],int) and d["amountFen"]==(600000*d["allowanceDays"]*2+30)//60 and d["account"]=="****3445" and any(l["unit"]=="days" for l in d["computation"]) and d["payments"]==[]' \
  -- "$OW" claim show --claim $CA --json
json "birth bundle: one receipt, allowance + medical, newborns referred" \
  'len(d["claims"])==2 and [c["kind"] for c in d["claims"]]==["allowance","medical"] and d["newborns"]==2 and d["totalFen"]==sum(c["amountFen"] for c in d["claims"]) and len(d["claims"][1]["bills"])==2 and any(f["flag"]=="recentEnrolment" for f in d["claims"][0]["flags"])' \
  -- "$OW" claim submit --id $B --date 2026-11-15 --delivery caesarean --babies 2 --allowance --refer-newborns \
     --bill delivery=5000@天津市中心妇产科医院#FP0001 --bill prenatal=900@天津市中心妇产科医院#FP0002 \
     --account $ACCT_B --receipt-file "$work/receipt-b.txt" --json
expect "the printed receipt names the newborn referral" 0 "下一步：已登记 2 名新生儿的城乡居民医保参保转介" -- cat "$work/receipt-b.txt"
expect "the printed receipt lists both claims" 0 "^  2\. 生育医疗费用" -- cat "$work/receipt-b.txt"
CB1=$(val '[c["id"] for c in d if c["kind"]=="allowance"][0]' -- "$OW" claim show --id $B --json)
CB2=$(val '[c["id"] for c in d if c["kind"]=="medical"][0]' -- "$OW" claim show --id $B --json)
expect "a bill claimed on another receipt is refused" 2 "票据号：票据 FP0001 已在回执 SY" -- "$OW" claim submit --id $B --date 2026-11-15 --delivery caesarean --bill delivery=5000@天津市中心妇产科医院#FP0001 --account $ACCT_B
expect "a bill settled directly is refused, naming it" 2 "^错误：票据号：票据 SZ001 已由 汕头市妇幼保健院 于 2026-11-19 直接结算" -- "$OW" claim submit --id $C --date 2026-11-18 --delivery natural --bill delivery=3200@汕头市妇幼保健院#SZ001 --account $ACCT_C
json "the refused bill left no claim" 'd==[]' -- "$OW" claim show --id $C --json

# Four eyes: a supervisor may take a claim at the counter, but never decide it.
CC=$(val 'd["claims"][0]["id"]' -- "${zhao[@]}" "$OW" claim submit --id $C --date 2026-11-18 --delivery natural --allowance --account $ACCT_C --json)
expect "the supervisor who took a claim cannot approve it" 1 "^错误：不能审核自己受理的申领（回执 SY" -- "${zhao[@]}" "$OW" claim approve $CC
[ "$(audit_count "SELECT COUNT(*) FROM audit WHERE operator='zhao' AND action='denied' AND entity='claim:$CC' AND afterJSON LIKE '%fourEyes%'")" = 1 ] \
  && ok || bad "the four-eyes refusal is audited"
json "the refused approval changed nothing" 'd["status"]=="submitted" and d["payments"]==[]' -- "$OW" claim show --claim $CC --json
expect "a clerk cannot approve" 1 "经办员无权执行：审核生育待遇申领" -- "$OW" claim approve $CA
json "queue: oldest first, flags included" \
  '[c["id"] for c in d]==sorted(c["id"] for c in d) and {'$CA','$CB1','$CB2','$CC'}<=set(c["id"] for c in d) and any(f["flag"]=="recentEnrolment" for c in d if c["id"]=='$CB1' for f in c["flags"])' \
  -- "${qian[@]}" "$OW" claim queue --json
expect "queue as text marks the flag" 0 "^$CB1 +SY[0-9-]+ +赵敏 +生育津贴 +[0-9,.]+ +wang +临近参保" -- "${qian[@]}" "$OW" claim queue
expect "another supervisor approves" 0 "已核准申领 $CC（回执 SY[0-9-]+），生成支付单 [0-9]+：" -- "${qian[@]}" "$OW" claim approve $CC
expect "approve the clerk's claim" 0 "已核准申领 $CA" -- "${qian[@]}" "$OW" claim approve $CA
expect "approving twice is refused" 1 "申领 $CA 当前为“已核准”，不在待审核状态" -- "${qian[@]}" "$OW" claim approve $CA

# Reject, return and resubmit, cancel.
CD=$(val 'd["claims"][0]["id"]' -- "$OW" claim submit --id $D --date 2026-11-12 --delivery natural --bill prenatal=600@天津市第一中心医院#FP0100 --account $ACCT_D --json)
expect "reject without a reason fails" 2 "^错误：不予支付原因：不能为空" -- "${qian[@]}" "$OW" claim reject $CD
expect "reject for 'other' needs a note" 2 "说明：不能为空" -- "${qian[@]}" "$OW" claim reject $CD --reason other
expect "an unknown reason lists the choices" 2 "不予支付原因：“late”不是可选值" -- "${qian[@]}" "$OW" claim reject $CD --reason late
expect "reject with a reason" 0 "申领 $CD（回执 SY[0-9-]+）不予支付：重复申领：单位已报销" -- "${qian[@]}" "$OW" claim reject $CD --reason duplicateClaim --note 单位已报销
json "the rejection is stored" 'd["status"]=="rejected" and d["rejectReason"]=="duplicateClaim" and d["decidedBy"]=="qian"' -- "$OW" claim show --claim $CD --json
expect "return needs a note" 2 "说明：不能为空" -- "${qian[@]}" "$OW" claim return $CB1
expect "return for documents" 0 "已退回补件：请补交出生医学证明" -- "${qian[@]}" "$OW" claim return $CB1 --note 请补交出生医学证明
expect "a returned claim leaves the queue" 0 "待审核 1 件" -- "${qian[@]}" "$OW" claim queue
expect "resubmit when the documents arrive" 0 "申领 $CB1（回执 SY[0-9-]+）材料已补齐，重新待审核" -- "$OW" claim resubmit $CB1
expect "approve the resubmitted claim" 0 "已核准申领 $CB1" -- "${qian[@]}" "$OW" claim approve $CB1
expect "approve the bundle's medical claim" 0 "已核准申领 $CB2" -- "${qian[@]}" "$OW" claim approve $CB2
CX=$(val 'd["claims"][0]["id"]' -- "$OW" claim submit --id $D --date 2026-11-12 --delivery natural --allowance --account $ACCT_D --json)
expect "cancel before a decision" 0 "申领 $CX（回执 SY[0-9-]+）已撤回" -- "$OW" claim cancel $CX
expect "a cancelled claim cannot be approved" 1 "当前为“已撤回”" -- "${qian[@]}" "$OW" claim approve $CX
expect "the queue is empty" 0 "没有待审核的申领" -- "${qian[@]}" "$OW" claim queue
expect "a claim number must be a number" 2 "申领：“x1”不是编号" -- "${qian[@]}" "$OW" claim approve x1

# Payments: a run pays, the bank returns one in the run and one afterwards, re-issues are paid next run.
OA=$(val 'd["payments"][-1]["id"]' -- "$OW" claim show --claim $CA --json)
OC=$(val 'd["payments"][-1]["id"]' -- "$OW" claim show --claim $CC --json)
expect "a clerk cannot run payments" 1 "经办员无权执行：支付生育待遇" -- "$OW" payments run
json "payment run pays, the bank's return is marked failed" \
  'd["failed"]=='[$OA]' and len(d["paid"])==3 and '$OC' in d["paid"] and d["paidTotalFen"]==sum(o["amountFen"] for o in d["orders"] if o["status"]=="paid") and all(isinstance(o["amountFen"],int) for o in d["orders"])' \
  -- "${qian[@]}" "$OW" payments run --returned "$OA=账户已销户" --json
json "the returned order shows failed with the reason" \
  'len(d)==1 and d[0]["id"]=='$OA' and d[0]["status"]=="failed" and d[0]["failure"]=="账户已销户" and d[0]["account"]=="****3445"' \
  -- "$OW" payments list --status failed --json
expect "the bank returns a paid order" 0 "支付单 $OC 已记为银行退回（户名不符）；申领 $CC 回到已核准" -- "${qian[@]}" "$OW" payments returned $OC --reason 户名不符
json "its claim is approved again" 'd["status"]=="approved" and d["payments"][-1]["status"]=="failed"' -- "$OW" claim show --claim $CC --json
expect "reissue to a corrected account" 0 "已重新发起支付单 [0-9]+（原支付单 $OA）：[0-9,.]+ 元，账户 \*\*\*\*9999，待支付" -- "${qian[@]}" "$OW" payments reissue $OA --account 6222020200000009999
expect "reissue to the same account" 0 "原支付单 $OC" -- "${qian[@]}" "$OW" payments reissue $OC
expect "an order is re-issued once" 2 "支付单 $OA 已重新发起过" -- "${qian[@]}" "$OW" payments reissue $OA
expect "the next run pays the re-issues" 0 "已支付 2 笔" -- "${qian[@]}" "$OW" payments run
json "payments list: amounts in fen, accounts masked" \
  'len(d)==6 and all(isinstance(o["amountFen"],int) and o["amountFen"]>0 and o["account"].startswith("****") and len(o["account"])==8 for o in d) and "'$ACCT_A'" not in json.dumps(d) and [o["id"] for o in d]==sorted((o["id"] for o in d), reverse=True)' \
  -- "$OW" payments list --json
json "claim show --id: paid, with the failed order and its re-issue" \
  'd[0]["status"]=="paid" and [p["status"] for p in d[0]["payments"]]==["failed","paid"] and d[0]["payments"][0]["failure"]=="账户已销户" and d[0]["payments"][1]["reissueOf"]=='$OA \
  -- "$OW" claim show --id $A --json
expect "claim show --id as text shows it paid" 0 "^申领 $CA  生育津贴  已支付  回执 SY" -- "$OW" claim show --id $A
expect "claim show lists the bank's reason" 0 "银行退回：账户已销户" -- "$OW" claim show --id $A
RB=$(val 'd[0]["receiptNo"]' -- "$OW" claim show --id $B --json)
expect "claim show by receipt" 0 "回执号：$RB" -- "$OW" claim show $RB
expect "claim show in English" 0 "^Claim $CA  maternity allowance  paid  receipt SY" -- "$OW" claim show --lang en --claim $CA
json "claim show --employer" 'len(d)==6 and all(c["employer"]=="'$TJ'" for c in d)' -- "$OW" claim show --employer $TJ --json
expect "claim show needs one key" 1 "请给出回执号，或 --id、--employer、--claim 其中之一" -- "$OW" claim show
expect "an unknown receipt" 2 "回执号：没有回执 SY20200101-0001" -- "$OW" claim show SY20200101-0001
expect "audit verify after the claims" 0 "审计日志完整" -- env ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$OW" audit verify

# The same event claimed again (a retry after a hung terminal): refused naming the earlier receipt, unless --allow-duplicate.
RA=$(val 'd[0]["receiptNo"]' -- "$OW" claim show --id $A --json)
again=(claim submit --id $A --date 2026-11-12 --delivery natural --allowance --account $ACCT_A)
expect "the same event again is refused, naming the earlier receipt and date" 1 \
  "^错误：该事件已申领过生育津贴：回执 $RA（[0-9]{4}-[0-9]{2}-[0-9]{2} 受理，事件日期 2026-11-10，已支付）.*请加 --allow-duplicate$" -- "$OW" "${again[@]}"
expect "the refusal in English" 1 "^Error: this event was already claimed \(maternity allowance\): receipt $RA, filed .*add --allow-duplicate$" \
  -- "$OW" "${again[@]}" --lang en
json "the refusal filed nothing" 'len(d)==1' -- "$OW" claim show --id $A --json
expect "--allow-duplicate files it anyway" 0 "回执号：SY[0-9]{8}-[0-9]{4}" -- "$OW" "${again[@]}" --allow-duplicate
[ "$(audit_count "SELECT COUNT(*) FROM audit WHERE operator='wang' AND action='claim.duplicateAllowed' AND afterJSON LIKE '%$RA%'")" = 1 ] \
  && ok || bad "the knowingly filed duplicate is audited with the earlier receipt"
expect "--help names --allow-duplicate" 0 "--allow-duplicate" -- "$OW" claim submit --help

# A base under the region's floor is charged at the floor: said before, on stderr, and the enrolment goes on.
out=$("$OW" person enrol --id 120101199506120043 --name 陈静 --category employee --employer $TJ --base 3000 --from 2026-01 2>"$work/warn.txt" </dev/null); rc=$?
[ $rc -eq 0 ] && grep -q "生育保险：自 2026-01 起参保" <<<"$out" && ok || bad "an enrolment with a low base goes on (exit $rc)" "$out"
grep -qE "^提示：缴费基数 3,000.00 元低于天津市下限 [0-9,.]+ 元，将按下限 [0-9,.]+ 元核定" "$work/warn.txt" \
  && ok || bad "a base under the floor warns, naming the floor charged" "$(cat "$work/warn.txt")"
expect "the base warning in English" 0 "^Warning: base 50,000.00 is above the cap of Tianjin, [0-9,.]+: [0-9,.]+ will be charged" \
  -- "$OW" person base --lang en --id 120101199506120043 --base 50000 --from 2027-01

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
# A negative amount after the option (a space, not =) is the option's value, refused for what it is (issue 12).
expect "--base -8000 is read as the base, refused in words" 2 "缴费基数：不能为负数" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category flexible --base -8000 --from 2026-01
expect "--bill -x is read as the bill, refused in words" 2 "^错误：票据：“-x”应写作" -- "$OW" claim submit --id $A --date 2026-11-10 --delivery natural --bill -x --account $ACCT_A
expect "a usage error the parser writes in English is led by one Chinese line" 64 "^命令写法有误，下面是英文原文" -- "$OW" claim submit --id $A --bill=
expect "--help in a Chinese counter says first that help is English" 0 "^以下帮助为英文" -- "$OW" person enrol --help
expect "a refusal echoes typed text with its line break written out, one line" 2 "^错误：缴费基数：“8000\\\\u\\{A\\}1”" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category flexible --base $'8000\n1' --from 2026-01
expect "--amount -5 is read as the amount" 2 "金额" -- "$OW" contributions pay --employer $ST --month 2026-11 --amount -5
expect "unknown category" 2 "人员类别：“student”不是可选值" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category student --base 8000 --from 2026-01
expect "clerk cannot add operators" 1 "经办员无权执行：管理操作员" -- env ONEWINDOW_NEW_PASSWORD=x12345678 "$OW" operator add --name eve --role admin
# A month no registration can start from, region codes that name no province (issue 12).
expect "--from 0001-01 for a person born in 1992" 2 "^错误：起始月份：0001-01早于本人年满16周岁的2008-04" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category employee --employer $TJ --base 8000 --from 0001-01
expect "--from 9999-12" 2 "^错误：起始月份：9999-12晚于2027-1[0-2]：最多提前12个月办理" -- "$OW" person enrol --id 210102199204150042 --name 魏芳 --category employee --employer $TJ --base 8000 --from 9999-12
expect "region code 000000" 2 "^错误：身份证号码：开头的000000不是行政区划代码" -- "$OW" person enrol --id 000000199003070022 --name 王芳 --category employee --employer $TJ --base 8000 --from 2026-01
expect "region code 999999 (en)" 2 "^Error: citizen ID: 999999 at its start is no region code" -- "$OW" person enrol --lang en --id 999999199003070020 --name Wang --category employee --employer $TJ --base 8000 --from 2026-01
# Failed attempts are audited (sign-on failures, refusals); the data tables must not change.
json "nothing written by bad input" 'len(d["enrolments"])==5' -- "$OW" person show --id $LINA --json
expect "no such person" 2 "身份证号码：210102\*+0042尚未登记" -- "$OW" person show --id 210102199204150042
[ "$(audit_rows)" -gt "$rows" ] && ok || bad "refusals are audited"
expect "wrong password" 1 "操作员或密码不正确" -- env ONEWINDOW_PASSWORD=nope "$OW" person show --id $LINA
expect "no password and no terminal: an error, not a hang" 1 "无法读取密码" -- env -u ONEWINDOW_PASSWORD "$OW" person show --id $LINA
expect "missing store" 1 "没有数据文件" -- "$OW" person show --store "$work/none.sqlite" --id $LINA
[ ! -e "$work/none.sqlite" ] && ok || bad "a missing store must not be created"
if [ -n "$PG" ]; then
  # The password as every PostgreSQL program takes it: in the URL, $PGPASSWORD or ~/.pgpass; never shown.
  # (.ci/pg-cluster.sh's role onewindow_pw signs on with a SCRAM password only.)
  psql -XAtq -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" "$PG" -c "DROP DATABASE IF EXISTS cli_pw" \
    -c "CREATE DATABASE cli_pw TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" -c "GRANT ALL ON DATABASE cli_pw TO onewindow_pw" >/dev/null
  psql -XAtq -v ON_ERROR_STOP=1 "$(sed -E 's#///[^?]*#///cli_pw#' <<<"$PG")" -c "GRANT ALL ON SCHEMA public TO onewindow_pw" >/dev/null
  pwurl=$(sed -E 's#///[^?]*#///cli_pw#; s#user=[^&]*#user=onewindow_pw#' <<<"$PG")
  expect "no password for the database: refused, in Chinese" 1 "无法连接数据库：.*password" -- env -u PGPASSWORD HOME="$work" "$OW" init --store "$pwurl" --admin root --region tianjin
  expect "the password from \$PGPASSWORD" 0 "已在数据库 postgresql://" -- env PGPASSWORD=pw-secret "$OW" init --store "$pwurl" --admin root --region tianjin
  out=$(env ONEWINDOW_OPERATOR=root "$OW" audit verify --store "$pwurl&password=pw-secret" 2>&1)
  grep -q "审计日志完整" <<<"$out" && ! grep -q "pw-secret" <<<"$out" && ok || bad "the password in the URL works and is not shown" "$out"
  out=$(env ONEWINDOW_OPERATOR=root "$OW" audit verify --store "$pwurl&password=wrong-one" 2>&1)
  grep -q "无法连接数据库" <<<"$out" && ! grep -q "wrong-one" <<<"$out" && ok || bad "a wrong password in the URL: refused, not shown" "$out"
  mkdir -p "$work/pgpass-home"; echo "*:*:*:onewindow_pw:pw-secret" > "$work/pgpass-home/.pgpass"; chmod 600 "$work/pgpass-home/.pgpass"
  expect "the password from ~/.pgpass" 0 "审计日志完整" -- env -u PGPASSWORD HOME="$work/pgpass-home" ONEWINDOW_OPERATOR=root "$OW" audit verify --store "$pwurl"
  psql -XAtq -v ON_ERROR_STOP=1 "$pwurl&password=pw-secret" -c "INSERT INTO schema_migrations VALUES ('999-from-the-future')"
  expect "a database a newer OneWindow migrated is refused" 1 "数据库已由更新版本的OneWindow升级" -- env ONEWINDOW_OPERATOR=root PGPASSWORD=pw-secret "$OW" audit verify --store "$pwurl"
  expect "a database that is not there: said, in Chinese" 1 "无法连接数据库：postgresql:///onewindow_none" -- "$OW" person show --store "$(sed -E 's#///[^?]*#///onewindow_none#' <<<"$PG")" --id $LINA
fi

export ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1
# --- no terminal: the counter and the demo say so at once instead of waiting on input that never comes
expect "counter without a terminal exits at once" 1 "需要在终端中运行" -- timeout 10 "$OW"
expect "demo without a terminal exits at once, before seeding" 1 "a terminal is needed" -- timeout 10 "$OW" demo --lang en --sandbox "$work/never.sqlite"
if [ -e "$work/never.sqlite" ]; then bad "demo without a terminal created its sandbox"; else ok; fi

# --- eight counters at once: every write lands, receipts stay unique and gap-free, the chain whole ----
# Eight processes, each a counter: registers two employers, enrols two women, looks them up and files a
# maternity allowance claim for each (a receipt each). On PostgreSQL each is its own connection.
people=$(python3 - <<'PY'
A = "0123456789ABCDEFGHJKLMNPQRTUWXY"; W = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
WI = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
for i in range(16):
    b = "9112011600000%04d" % i
    code = b + A[(31 - sum(A.index(c) * w for c, w in zip(b, W)) % 31) % 31]
    body = "12010119%02d0%d%02d%03d" % (90 + i % 6, 1 + i % 9, 10 + i, 2 * i + 100)   # even 17th digit: a woman
    cid = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WI)) % 11]
    print(i // 2, code, cid)
PY
)
before=$(audit_rows)
receipts_before=$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM receipt")
for k in 0 1 2 3 4 5 6 7; do
  ( export ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1
    while read -r w code cid; do
      [ "$w" = $k ] || continue
      "$OW" employer register --code "$code" --name "并发单位$code" --region tianjin --kind enterprise --unified-from 2020-01 >/dev/null 2>&1 \
        || echo "register $code failed"
      "$OW" person enrol --id "$cid" --name 并发女工 --category employee --employer $TJ --base 6000 --from 2026-01 >/dev/null 2>&1 \
        || echo "enrol $cid failed"
      "$OW" person show --id "$cid" >/dev/null 2>&1 || echo "show $cid failed"
      "$OW" claim submit --id "$cid" --date 2026-11-10 --delivery natural --allowance --account 6222020200112233445 >/dev/null 2>&1 \
        || echo "claim $cid failed"
    done <<<"$people" ) > "$work/writer$k.log" 2>&1 &
done
wait
if cat "$work"/writer*.log | grep -q .; then bad "eight concurrent counters" "$(cat "$work"/writer*.log)"; else ok; fi
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM receipt") " = "$((receipts_before + 16)) " ] && ok \
  || bad "16 receipts filed by eight counters" "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM receipt")"
# Receipt numbers: each day's run 0001, 0002, … with no number twice and none skipped.
gaps=$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM (SELECT submittedOn, COUNT(*) AS n, COUNT(DISTINCT receiptNo) AS d, MAX(substr(receiptNo, 12, 4)) AS top FROM receipt GROUP BY submittedOn) AS x WHERE n <> d OR CAST(top AS INTEGER) <> n")
[ "$gaps" = 0 ] && ok || bad "receipt numbers unique and gap-free per day under eight counters" \
  "$(sqlq "$ONEWINDOW_STORE" "SELECT receiptNo FROM receipt ORDER BY receiptNo")"
out=$("$OW" audit verify 2>&1); rows_now=$(grep -oE '[0-9]+' <<<"$out" | head -1)
grep -q "审计日志完整" <<<"$out" && [ "$rows_now" -ge $((before + 48)) ] && ok || bad "audit chain intact after eight counters" "$out"

# --- batch work never blocks a counter (issue 10, item 4) ---------------------------------
# A synthetic store big enough for a run of many chunks (the benchmark's generator), three copies of it:
# a run killed with SIGKILL mid-way and run again must equal an uninterrupted run, line for line and to
# the fen; a counter enrolment while a run is going must succeed. On PostgreSQL the three are databases,
# each a `store copy` of the generated file (which also tests the copy on a store of thousands).
batch="$work/batch"; mkdir -p "$batch/killed" "$batch/full" "$batch/busy"
NOW=$(date +%Y-%m)
env ONEWINDOW_PASSWORD=bench-password "$OW" bench --store "$batch/gen.sqlite" --persons 5000 --runs 1 >/dev/null 2>&1 </dev/null \
  || bad "bench builds the batch store"
where() { if [ -n "$PG" ]; then sed -E "s#///[^?]*#///cli_$1#" <<<"$PG"; else echo "$batch/$1/s.sqlite"; fi; }
for c in killed full busy; do
  if [ -n "$PG" ]; then
    psql -XAtq -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" "$PG" -c "DROP DATABASE IF EXISTS cli_$c" -c "CREATE DATABASE cli_$c TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
    env ONEWINDOW_OPERATOR=bench ONEWINDOW_PASSWORD=bench-password "$OW" store copy --from "$batch/gen.sqlite" --to "$(where $c)" >"$batch/copy-$c.out" 2>&1 </dev/null \
      || bad "store copy of the batch store ($c)" "$(cat "$batch/copy-$c.out")"
  else cp "$batch/gen.sqlite" "$batch/$c/s.sqlite"; fi
done
on() { env ONEWINDOW_STORE="$(where "$1")" ONEWINDOW_OPERATOR=bench ONEWINDOW_PASSWORD=bench-password "${@:2}"; }
# In the background: exec, so that $! is the onewindow process itself (SIGKILL must reach it, not a subshell).
bg_on() { exec env ONEWINDOW_STORE="$(where "$1")" ONEWINDOW_OPERATOR=bench ONEWINDOW_PASSWORD=bench-password "${@:2}"; }
q() { sqlq "$(where "$1")" "$2"; }
# wait_chunks STORE N PID: until the run has committed N chunks (or has ended).
wait_chunks() { for _ in $(seq 600); do
  [ "$(q "$1" "SELECT COUNT(*) FROM audit WHERE action='contributions.run.chunk'")" -ge "$2" ] && return 0
  kill -0 "$3" 2>/dev/null || return 1; sleep 0.05; done; return 1; }
lines_of() { q "$1" "SELECT COUNT(*) || ' ' || SUM(amountFen) || ' ' || SUM(maternityFen) FROM contribution WHERE month='$NOW'"; }
dump_of() { q "$1" "SELECT personID||' '||item||' '||payer||' '||baseFen||' '||rateBp||' '||amountFen FROM contribution WHERE month='$NOW' ORDER BY personID, item" | sha256sum; }

bg_on killed "$OW" contributions run --month "$NOW" --chunk-size 100 >"$batch/killed.out" 2>&1 </dev/null &
pid=$!
if wait_chunks killed 5 $pid; then
  kill -9 $pid; wait $pid 2>/dev/null
  kept=$(q killed "SELECT COUNT(*) FROM contribution WHERE month='$NOW'")
  [ "$(q killed "SELECT COUNT(*) FROM audit WHERE action='contributions.run'")" = 0 ] && [ "$kept" -gt 0 ] && ok \
    || bad "SIGKILL stopped the run part-way (lines kept: $kept)" "$(cat "$batch/killed.out")"
  expect "audit chain intact after a run killed mid-way" 0 "审计日志完整" -- on killed "$OW" audit verify
  out=$(on killed "$OW" contributions run --month "$NOW" 2>&1 </dev/null); rc=$?
  full=$(on full "$OW" contributions run --month "$NOW" 2>&1 </dev/null)
  new() { grep -oE '新增[0-9]+条' <<<"$1" | grep -oE '[0-9]+'; }
  had() { grep -oE '已有[0-9]+条' <<<"$1" | grep -oE '[0-9]+'; }
  [ $rc -eq 0 ] && [ "$(had "$out")" = "$kept" ] && [ $(( $(new "$out") + kept )) = "$(new "$full")" ] && ok \
    || bad "the re-run counts the lines already there and adds the rest (kept $kept)" "$out
$full"
  [ "$(lines_of killed)" = "$(lines_of full)" ] && [ "$(dump_of killed)" = "$(dump_of full)" ] && ok \
    || bad "killed and re-run equals an uninterrupted run to the fen" "$(lines_of killed) vs $(lines_of full)"
  [ "$(q killed "SELECT COUNT(*) FROM (SELECT personID, item FROM contribution WHERE month='$NOW' GROUP BY personID, item HAVING COUNT(*) > 1) AS dup")" = 0 ] \
    && ok || bad "every line once after the re-run"
else
  bad "the month run did not get 5 chunks in (too fast or failed)" "$(cat "$batch/killed.out")"
fi

# Not a TTY: no progress on stderr, only the summary.
[ "$(grep -c '已处理' "$batch/killed.out")" = 0 ] && ok || bad "no progress lines when stderr is not a terminal" "$(cat "$batch/killed.out")"

expect "register an employer in the busy copy" 0 "已登记单位 $TJ" -- on busy "$OW" employer register --code $TJ --name 天津某某科技有限公司 --region tianjin --kind enterprise --unified-from 2020-01
bg_on busy "$OW" contributions run --month "$NOW" --chunk-size 100 >"$batch/busy.out" 2>&1 </dev/null &
pid=$!
if wait_chunks busy 2 $pid; then
  t0=$(date +%s%N)
  expect "a counter enrolment while a month run is going succeeds" 0 "生育保险：自 $NOW 起参保" -- on busy "$OW" person enrol --id $LINA --name 李娜 --category employee --employer $TJ --base 8000 --from "$NOW"
  t1=$(date +%s%N)
  kill -0 $pid 2>/dev/null && ok || bad "the month run was still going when the enrolment was saved"
  wait $pid && ok || bad "the month run finishes after a counter wrote in the middle" "$(cat "$batch/busy.out")"
  echo "  (enrolment during the run took $(( (t1 - t0) / 1000000 )) ms)"
else
  bad "the busy-copy run did not get going" "$(cat "$batch/busy.out")"
fi

# --- the store file: owner-only, untouched by lookups, readable as a read-only copy ----------
if [ -z "$PG" ]; then
[ "$(stat -c %a "$ONEWINDOW_STORE")" = 600 ] && ok || bad "store file is 0600" "$(stat -c %a "$ONEWINDOW_STORE")"
sum_before=$(sha256sum "$ONEWINDOW_STORE" | cut -d' ' -f1)
# (person show is an audited read: opening a person's record writes its audit row, so it is not used here)
"$OW" employer show --code $TJ >/dev/null 2>&1; "$OW" audit verify >/dev/null 2>&1
[ "$(sha256sum "$ONEWINDOW_STORE" | cut -d' ' -f1)" = "$sum_before" ] && ok || bad "a lookup and audit verify leave the file's bytes alone"
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null && runuser -u nobody -- test -x "$OW"; then
  ro=$(mktemp -d); chmod 755 "$ro"; cp "$ONEWINDOW_STORE" "$ro/copy.sqlite"; chmod 644 "$ro/copy.sqlite"
  # The auditor is given the store's audit key as well, in a folder of her own.
  rok=$(mktemp -d); chmod 755 "$rok"; cp "$ONEWINDOW_AUDIT_KEYS/$(sqlq "$ONEWINDOW_STORE" "SELECT value FROM meta WHERE key='audit.keyID'").key" "$rok/"; chmod 644 "$rok"/*.key
  as_nobody() { runuser -u nobody -- env ONEWINDOW_STORE="$ro/copy.sqlite" ONEWINDOW_AUDIT_KEYS="$rok" ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$@"; }
  expect "audit verify on a read-only copy" 0 "审计日志完整" -- as_nobody "$OW" audit verify
  expect "without the audit key the keyed rows cannot be checked: said, exit 1" 1 "审计密钥不在本机" -- \
    runuser -u nobody -- env ONEWINDOW_STORE="$ro/copy.sqlite" ONEWINDOW_AUDIT_KEYS="$ro/none" ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1 "$OW" audit verify
  expect "a lookup on a read-only copy" 0 "李娜" -- as_nobody "$OW" person show --id $LINA
  expect "a write on a read-only copy is refused in words" 1 "数据文件只读，不能写入" -- as_nobody "$OW" contributions run --month 2026-12
  [ -z "$(ls "$ro" | grep -v '^copy.sqlite$')" ] && ok || bad "the read-only copy's folder gained files" "$(ls "$ro")"
  rm -rf "$ro" "$rok"
else
  echo "skipped: read-only copy checks need root and runuser (run as another user)"
fi

fi

# --- moving up: the whole file, claims and payments included, copied into PostgreSQL ------------
# (.ci/test passes an empty database in ONEWINDOW_CLI_COPY_TO to the SQLite run.)
if [ -z "$PG" ] && [ -n "${ONEWINDOW_CLI_COPY_TO:-}" ]; then
  to=$ONEWINDOW_CLI_COPY_TO
  expect "store copy: a clerk may not" 1 "经办员无权执行：复制数据到服务器数据库" -- env ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1 "$OW" store copy --to "$to"
  expect "store copy of the walk-through's store to PostgreSQL" 0 "各表行数一致，审计日志完整" -- "$OW" store copy --from "$ONEWINDOW_STORE" --to "$to"
  for t in claim paymentOrder receipt claimBill directSettlement contribution; do
    [ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM $t")" = "$(sqlq "$to" "SELECT COUNT(*) FROM $t")" ] && ok || bad "copied $t"
  done
  for args in "claim show --id $B --json" "payments list --json" "contributions list --employer $ST --json" \
              "contributions arrears --employer $ST --json" "person show --id $LINA --json"; do
    # shellcheck disable=SC2086
    [ "$("$OW" $args 2>&1)" = "$("$OW" $args --store "$to" 2>&1)" ] && ok || bad "the copy answers '$args' as the file does" \
      "$(diff <("$OW" $args 2>&1) <("$OW" $args --store "$to" 2>&1) | head -5)"
  done
  # New rows on the copy take ids after the copied ones (the identity sequences were moved on).
  expect "the copy takes new work: an enrolment" 0 "生育保险：自 2026-01 起参保" -- "$OW" person enrol --store "$to" --id 210102199204150042 --name 魏芳 --category employee --employer $TJ --base 8000 --from 2026-01
  expect "a second copy into the same database is refused" 1 "目标数据库不是空的" -- "$OW" store copy --from "$ONEWINDOW_STORE" --to "$to"
  expect "a copy to a file path is refused in words" 1 "只能从数据文件复制到 PostgreSQL 数据库" -- "$OW" store copy --to "$work/x.sqlite"
fi

# --- sign-on: five wrong passwords lock; an admin unlocks; names that cannot be an operator's ---------
export ONEWINDOW_OPERATOR=root ONEWINDOW_PASSWORD=admin-pass-1
env ONEWINDOW_NEW_PASSWORD=guess-me-not "$OW" operator add --name lockme --role clerk >/dev/null
for i in 1 2 3 4; do expect "wrong password $i" 1 "^错误：操作员或密码不正确$" -- env ONEWINDOW_OPERATOR=lockme ONEWINDOW_PASSWORD=wrong-$i "$OW" audit verify; done
expect "the fifth wrong password locks" 1 "^错误：密码连续错误5次，操作员锁定至 20[0-9-]+ [0-9:]+（北京时间）" -- env ONEWINDOW_OPERATOR=lockme ONEWINDOW_PASSWORD=wrong-5 "$OW" contributions arrears --employer $ST
expect "locked: the right password is refused too" 1 "操作员已锁定至" -- env ONEWINDOW_OPERATOR=lockme ONEWINDOW_PASSWORD=guess-me-not "$OW" contributions arrears --employer $ST
expect "the lock shows in the operator list" 0 "lockme +经办员 +否 +20[0-9-]+ [0-9:]+" -- "$OW" operator list
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit WHERE entity='operator:lockme' AND action IN ('signon.failed','operator.lock','signon.locked')")" = 7 ] \
  && ok || bad "every failure, the lock and the refused attempt are audited"
expect "a clerk cannot unlock" 1 "无权执行" -- env ONEWINDOW_OPERATOR=wang ONEWINDOW_PASSWORD=clerk-pass-1 "$OW" operator unlock --name lockme
expect "an admin unlocks" 0 "已解锁操作员 lockme" -- "$OW" operator unlock --name lockme
expect "unlocked: the right password works" 0 "." -- env ONEWINDOW_OPERATOR=lockme ONEWINDOW_PASSWORD=guess-me-not "$OW" contributions arrears --employer $ST
for name in "$LINA" "$(printf 'wang\033[31m')" "$(head -c 100000 /dev/zero | tr '\0' 'a')"; do
  env ONEWINDOW_OPERATOR="$name" ONEWINDOW_PASSWORD=x "$OW" audit verify >/dev/null 2>&1
done
[ "$(sqlq "$ONEWINDOW_STORE" "SELECT COUNT(*) FROM audit WHERE operator LIKE '%$LINA%' OR entity LIKE '%$LINA%' OR afterJSON LIKE '%$LINA%' OR operator LIKE 'wang_%' OR length(operator) > 32")" = 0 ] \
  && ok || bad "a citizen ID, an escape sequence or a 100 KB name typed at sign-on never reaches the audit as typed"
expect "an operator name with a space is refused" 2 "^错误：操作员：最多32个字符，以字母或汉字开头" -- env ONEWINDOW_NEW_PASSWORD=long-enough "$OW" operator add --name "li na" --role clerk
expect "a citizen ID as an operator name is refused" 2 "^错误：操作员：" -- env ONEWINDOW_NEW_PASSWORD=long-enough "$OW" operator add --name "$LINA" --role clerk

# --- the audit anchor, kept away from the store ----------------------------------------------
anchor=$("$OW" audit anchor 2>&1 | cut -d' ' -f1)
[[ $anchor =~ ^[0-9]+:[0-9a-f]{64}$ ]] && ok || bad "audit anchor prints SEQ:HASH" "$anchor"
expect "audit verify --anchor matches while nothing changed" 0 "审计日志完整：[0-9]+条，与第[0-9]+条的锚点一致" -- "$OW" audit verify --anchor "$anchor"
expect "a malformed anchor is refused" 2 "^错误：审计锚点：" -- "$OW" audit verify --anchor "12:xyz"

# --- tampering is detected ---------------------------------------------------------------
if [ -n "$PG" ]; then
  out=$(psql -XAtq "$PG" -c "UPDATE audit SET operator='mallory' WHERE seq=5" 2>&1)
  grep -q "append-only" <<<"$out" && ok || bad "PostgreSQL refuses to change an audit row" "$out"
  out=$(psql -XAtq "$PG" -c "TRUNCATE audit" 2>&1)
  grep -q "append-only" <<<"$out" && ok || bad "PostgreSQL refuses to truncate the audit log" "$out"
  psql -XAtq -v ON_ERROR_STOP=1 "$PG" -c "ALTER TABLE audit DISABLE TRIGGER audit_no_update" \
    -c "UPDATE audit SET operator='mallory' WHERE seq=5" >/dev/null
else
python3 - "$ONEWINDOW_STORE" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("DROP TRIGGER audit_no_update")
c.execute("UPDATE audit SET operator='mallory' WHERE seq=5"); c.commit()
PY
fi
expect "audit verify detects tampering" 1 "审计日志被篡改.*altered:5" -- "$OW" audit verify
# Recomputing the whole chain without the key (plain SHA-256, as before keying) does not help.
if [ -z "$PG" ]; then
python3 - "$ONEWINDOW_STORE" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT seq, at, operator, action, entity, beforeJSON, afterJSON FROM audit ORDER BY seq").fetchall()
prev = "0" * 64
for seq, at, op, action, entity, before, after in rows:
    fields = [prev, str(seq), at, op, action, entity, before if before is not None else "\0", after if after is not None else "\0"]
    h = hashlib.sha256("\x1f".join(fields).encode()).hexdigest()
    c.execute("UPDATE audit SET prevHash = ?, hash = ? WHERE seq = ?", (prev, h, seq)); prev = h
c.commit()
PY
expect "a chain recomputed without the key is still caught" 1 "审计日志被篡改.*altered:" -- "$OW" audit verify
expect "and the kept anchor no longer matches" 1 "anchor:" -- "$OW" audit verify --anchor "$anchor"
fi

echo
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
