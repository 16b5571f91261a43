#!/usr/bin/env python3
"""The concurrency test's driver (Tests/robust/concurrency-test.sh runs it once per engine).

Eight counters at once, each its own operator and process after process of the onewindow binary: six clerks
(enrolments, transfers, employer registrations, claim submissions, contribution payments, and lookups) and
two supervisors (approvals, payment runs, the queue, payment lists, the fund report, the day's summary),
while a ninth process runs the past months' contributions in small chunks, month after month. For a fixed
time. Every command must succeed (each claim is decided by one supervisor, each person changed by the clerk
who enrolled them) but one planned refusal: now and then two clerks file the same birth at the same moment,
and exactly one of them must get the receipt, the other the duplicate-event refusal. No clerk may see a lock,
busy or serialization error, every acknowledged write must be there afterwards, no receipt number given
twice, no order paid twice, the month runs whole, and `onewindow check` (or audit verify and fund check)
must pass."""
import random
import re
import threading
import time

from robust import (CLERKS, CLI, LOCK_ERRORS, SUPERVISORS, Store, Tally, account, arguments, citizen_id, credit_code,
                    enrol_base, final_checks, guarded, month_add, setup_store, today)

HOSPITAL = "天津市中心妇产科医院"
# The planned refusal: a second claim for the same event (README, step 10), exit 1.
DUPLICATE = re.compile(r"^错误：该事件已申领过")


class Counters:
    def __init__(self, cli, store, tally, seed, codes, months, expected, deadline):
        self.cli, self.store, self.tally, self.seed = cli, store, tally, seed
        self.codes, self.months, self.expected, self.deadline = codes, months, expected, deadline
        self.day = today().isoformat()
        self.now = self.day[:7]
        self.lock = threading.Lock()
        self.n = 0
        self.ops = {"read": 0, "write": 0}
        self.errors = []
        self.refusals = 0
        self.races = 0
        self.slowest = (0.0, "")
        self.acked = 0
        self.employers = set()
        self.persons = {}          # citizen ID -> employer of its open period (after any transfer)
        self.receipts = {}         # receipt number -> {claim id: kind}
        self.receipt_numbers = []  # every number a clerk was given, to find one given twice
        self.to_decide = []        # claim ids awaiting a supervisor
        self.approved = {}         # claim id -> order id
        self.paid_runs = []        # each acknowledged payment run's paid order ids
        self.paid_fen = 0          # contribution payments acknowledged
        self.month_runs = 0

    def next_n(self):
        with self.lock:
            self.n += 1
            return self.n

    def run(self, kind, who, *args, batch=False, refusal=None):
        """One counter command: it must exit 0 and say nothing of locks; counted either way. A refusal planned
        by the caller (exit 1, stderr matching `refusal`) is no error: the result comes back with .refused."""
        r = self.cli.run(who, *args)
        r.refused = refusal is not None and r.rc == 1 and refusal.search(r.err) is not None \
            and not LOCK_ERRORS.search(r.err)
        with self.lock:
            self.ops[kind] += 1
            self.refusals += r.refused
            if not batch and r.secs > self.slowest[0]:
                self.slowest = (r.secs, " ".join(args[:2]))
            if (r.rc != 0 and not r.refused) or LOCK_ERRORS.search(r.err + r.out):
                self.errors.append(r)
                if len(self.errors) <= 10:
                    print("ERROR (%s): %s" % (who, r.show().strip()), flush=True)
        return r if r.rc == 0 or r.refused else None

    def ack(self, ok, what, r):
        if ok:
            with self.lock:
                self.acked += 1
        elif r is not None:
            self.tally.check(False, "%s: exit 0 without its success line" % what, r.show())

    # --- a clerk's work ------------------------------------------------------------------------------
    def clerk(self, who, rng):
        mine, women = [], []
        ops = [("enrol", 20), ("show", 20), ("claim", 15), ("pay", 8), ("employer", 4), ("transfer", 5),
               ("claims", 8), ("list", 5), ("arrears", 5), ("employer_show", 5)]
        kinds, weights = zip(*ops)
        while time.monotonic() < self.deadline:
            op = rng.choices(kinds, weights)[0]
            if op == "enrol" or (op in ("show", "transfer", "claims") and not mine) or (op == "claim" and not women):
                n = self.next_n()
                female = rng.random() < 0.6
                cid, code = citizen_id(1000 + n, female), rng.choice(self.codes)
                r = self.run("write", who, "person", "enrol", "--id", cid, "--name", "并发职工", "--category",
                             "employee", "--employer", code, "--base", "6000", "--from", self.now)
                ok = r is not None and "生育保险：自 %s 起参保" % self.now in r.out
                self.ack(ok, "person enrol", r)
                if ok:
                    with self.lock:
                        self.persons[cid] = code
                    mine.append(cid)
                    if female:
                        women.append(cid)
            elif op == "show":
                self.run("read", who, "person", "show", "--id", rng.choice(mine))
            elif op == "claim":
                cid = women.pop(rng.randrange(len(women)))
                n = self.next_n()
                args = ["claim", "submit", "--id", cid, "--date", self.day, "--delivery", "natural", "--allowance",
                        "--account", account(n), "--json"]
                if rng.random() < 0.25:
                    self.race(who, rng.choice([c for c in CLERKS if c != who]), args)
                    continue
                if rng.random() < 0.5:
                    args += ["--bill", "delivery=3000@%s#CC%06d" % (HOSPITAL, n), "--refer-newborns"]
                self.filed(self.run("write", who, *args))
            elif op == "pay":
                r = self.run("write", who, "contributions", "pay", "--employer", self.codes[0], "--month",
                             self.months[0], "--amount", "1.00")
                ok = r is not None and "欠缴" in r.out
                self.ack(ok, "contributions pay", r)
                if ok:
                    with self.lock:
                        self.paid_fen += 100
            elif op == "employer":
                n = self.next_n()
                code = credit_code(3, n)
                r = self.run("write", who, "employer", "register", "--code", code, "--name", "并发单位%d" % n,
                             "--region", "tianjin", "--kind", "enterprise", "--unified-from", "2019-01")
                ok = r is not None and "已登记单位 %s" % code in r.out
                self.ack(ok, "employer register", r)
                if ok:
                    with self.lock:
                        self.employers.add(code)
            elif op == "transfer":
                cid = mine.pop(rng.randrange(len(mine)))  # once a person: one period to next month
                if cid in women:
                    women.remove(cid)
                to = rng.choice([c for c in self.codes if c != self.persons[cid]])
                r = self.run("write", who, "person", "transfer", "--id", cid, "--employer", to, "--from",
                             month_add(self.now, 1))
                ok = r is not None and "生育保险：自 %s 起参保" % month_add(self.now, 1) in r.out
                self.ack(ok, "person transfer", r)
                if ok:
                    with self.lock:
                        self.persons[cid] = to
            elif op == "claims":
                self.run("read", who, "claim", "show", "--id", rng.choice(mine))
            elif op == "list":
                self.run("read", who, "contributions", "list", "--employer", rng.choice(self.codes[1:]))
            elif op == "arrears":
                self.run("read", who, "contributions", "arrears", "--employer", self.codes[0])
            elif op == "employer_show":
                self.run("read", who, "employer", "show", "--code", rng.choice(self.codes))

    def filed(self, r):
        """Keeps what a claim submission acknowledged."""
        try:
            d = r.json() if r else None
            claims = {c["id"]: c["kind"] for c in d["claims"]} if d else None
        except (ValueError, KeyError, TypeError):
            claims = None
        self.ack(claims is not None, "claim submit", r)
        if claims:
            with self.lock:
                self.receipts[d["receiptNo"]] = claims
                self.receipt_numbers.append(d["receiptNo"])
                self.to_decide += list(claims)

    def race(self, who, other, args):
        """Two clerks file the same birth at the same moment (the applicant at two windows, or a retry beside
        a hung terminal): one receipt, and the other refused naming it (the planned refusal), never two."""
        results = [None, None]

        def submit(i, clerk):
            results[i] = self.run("write", clerk, *args, refusal=DUPLICATE)
        t = threading.Thread(target=submit, args=(1, other))
        t.start()
        submit(0, who)
        t.join()
        filed = [r for r in results if r is not None and not r.refused]
        refused = [r for r in results if r is not None and r.refused]
        with self.lock:
            self.races += 1
        if self.tally.check(len(filed) == 1 and len(refused) == 1,
                            "two clerks filing the same birth at once: one receipt, one refusal",
                            "\n".join(r.show() for r in results if r is not None)):
            self.filed(filed[0])
        else:
            for r in filed:
                self.filed(r)

    # --- a supervisor's work -------------------------------------------------------------------------
    def supervisor(self, who, rng):
        ops = [("approve", 45), ("queue", 12), ("payrun", 10), ("payments", 10), ("claim", 10), ("fund", 5),
               ("daily", 5)]
        kinds, weights = zip(*ops)
        while time.monotonic() < self.deadline:
            op = rng.choices(kinds, weights)[0]
            with self.lock:
                claim = self.to_decide.pop(0) if op == "approve" and self.to_decide else None
            if op == "approve" and claim is None:
                op = "queue"
            if op == "approve":
                r = self.run("write", who, "claim", "approve", str(claim))
                m = re.search(r"已核准申领 (\d+)（回执 SY[0-9-]+），生成支付单 (\d+)：", r.out) if r else None
                self.ack(m is not None and int(m.group(1)) == claim, "claim approve", r)
                if m:
                    with self.lock:
                        self.approved[claim] = int(m.group(2))
            elif op == "queue":
                self.run("read", who, "claim", "queue")
            elif op == "payrun":
                r = self.run("write", who, "payments", "run", "--json")
                try:
                    paid = [int(i) for i in r.json()["paid"]] if r else None
                except (ValueError, KeyError, TypeError):
                    paid = None
                self.ack(paid is not None, "payments run", r)
                if paid is not None:
                    with self.lock:
                        self.paid_runs.append(paid)
            elif op == "payments":
                self.run("read", who, "payments", "list")
            elif op == "claim":
                with self.lock:
                    known = list(self.approved) or list(self.to_decide)
                if known:
                    self.run("read", who, "claim", "show", "--claim", str(rng.choice(known)))
            elif op == "fund":
                self.run("read", who, "fund", "report")
            elif op == "daily":
                self.run("read", who, "daily", "summary")

    # --- the batch beside them ---------------------------------------------------------------------------
    def month_runner(self, rng):
        i = 0
        while time.monotonic() < self.deadline:
            month = self.months[1 + i % (len(self.months) - 1)]
            i += 1
            r = self.run("write", "zhao", "contributions", "run", "--month", month, "--chunk-size",
                         str(rng.randint(2, 5)), batch=True)
            m = re.search(r"(\d{4}-\d{2}) 核定完成：\d+人，新增(\d+)条，已有(\d+)条未变", r.out) if r else None
            ok = m is not None and m.group(1) == month
            self.ack(ok, "contributions run", r)
            if ok:
                self.tally.check(int(m.group(2)) + int(m.group(3)) == self.expected,
                                 "the run of %s beside the counters charged everyone once" % month, r.show())
                with self.lock:
                    self.month_runs += 1


def main():
    ap = arguments()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=int, required=True)
    ap.add_argument("--persons", type=int, default=30)
    a = ap.parse_args()

    tally = Tally(a.engine)
    cli, store = CLI(a.binary, a.store, a.work), Store(a.store)
    use_check = cli.has_check()
    now = today().strftime("%Y-%m")
    months = [month_add(now, -k) for k in range(12, 0, -1)]
    codes = setup_store(cli, tally)
    enrol_base(cli, tally, [citizen_id(i, i % 2 == 0) for i in range(a.persons)], codes[0], month_add(months[0], -1))
    # The first month charged before the counters open: they take payments for it.
    r = cli.run("zhao", "contributions", "run", "--month", months[0])
    m = re.search(r"新增(\d+)条", r.out)
    if not tally.check(r.rc == 0 and m, "charge %s before the counters open" % months[0], r.show()):
        tally.finish("concurrency", a.engine, a.work)
    expected = int(m.group(1))

    print("%s: 8 counters and a month run for %d s, %s" % (
        a.engine, a.seconds, "checking with `onewindow check`" if use_check else
        "no `onewindow check` yet: audit verify + fund check"), flush=True)
    c = Counters(cli, store, tally, a.seed, codes, months, expected, time.monotonic() + a.seconds)
    t0 = time.monotonic()
    threads = [guarded(tally, w, c.clerk, w, random.Random("%d/%s" % (a.seed, w))) for w in CLERKS]
    threads += [guarded(tally, w, c.supervisor, w, random.Random("%d/%s" % (a.seed, w))) for w in SUPERVISORS]
    threads.append(guarded(tally, "the month runs", c.month_runner, random.Random("%d/batch" % a.seed)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - t0

    # --- afterwards --------------------------------------------------------------------------------------
    tally.check(not c.errors, "every command succeeded, no lock or busy error reached a clerk (%d errors)" %
                len(c.errors))
    lost = []
    have = {r[0] for r in store.rows("SELECT code FROM employer")}
    lost += ["employer %s" % e for e in c.employers if e not in have]
    open_periods = {}
    for cid, scheme, code, from_month in store.rows(
            "SELECT p.citizenID, e.scheme, e.employerCode, e.fromMonth FROM person p JOIN enrolment e ON "
            "e.personID = p.id WHERE e.toMonth IS NULL"):
        open_periods[(cid, scheme)] = code
    for cid, code in c.persons.items():
        if open_periods.get((cid, "medical")) != code or open_periods.get((cid, "maternity")) != code:
            lost.append("person %s: open at %s (medical), %s (maternity), acknowledged %s" % (
                cid, open_periods.get((cid, "medical")), open_periods.get((cid, "maternity")), code))
    stored = {}
    for rno, claim_id, kind in store.rows("SELECT receiptNo, id, kind FROM claim"):
        stored.setdefault(rno, {})[int(claim_id)] = kind
    for rno, claims in c.receipts.items():
        if stored.get(rno) != claims:
            lost.append("receipt %s: acknowledged %s, stored %s" % (rno, claims, stored.get(rno)))
    orders = {int(i): (int(cl), s) for i, cl, s in store.rows("SELECT id, claimID, status FROM paymentOrder")}
    for claim_id, order in c.approved.items():
        if orders.get(order, (None,))[0] != claim_id:
            lost.append("approval of claim %d: order %d is %s" % (claim_id, order, orders.get(order)))
    paid = [o for run in c.paid_runs for o in run]
    for o in paid:
        if orders.get(o, (None, None))[1] != "paid":
            lost.append("order %d paid by an acknowledged run: now %s" % (o, orders.get(o)))
    got = store.count("SELECT COALESCE(SUM(amountFen), 0) FROM contributionPayment")
    if got != c.paid_fen:
        lost.append("contribution payments: %d fen acknowledged, %d stored" % (c.paid_fen, got))
    for line in lost[:30]:
        print("LOST: " + line)
    tally.check(not lost, "every acknowledged write is there (%d acknowledged)" % c.acked)

    dup = sorted({n for n in c.receipt_numbers if c.receipt_numbers.count(n) > 1})
    tally.check(not dup, "no receipt number given to two clerks", " ".join(dup))
    gaps = store.rows("SELECT submittedOn, COUNT(*), COUNT(DISTINCT receiptNo), MAX(receiptNo) FROM receipt "
                      "GROUP BY submittedOn")
    tally.check(all(n == d and int(top[-4:]) == int(n) for _, n, d, top in gaps),
                "receipt numbers unique and gap-free per day", gaps)
    tally.check(len(paid) == len(set(paid)), "no order paid by two payment runs",
                sorted(o for o in set(paid) if paid.count(o) > 1))
    tally.check(c.month_runs > 0, "the month runs beside the counters completed (%d)" % c.month_runs)
    for month in months:
        n = store.count("SELECT COUNT(*) FROM contribution WHERE month = '%s'" % month)
        if n:
            tally.check(n == expected, "%s charged whole: %d lines, every line once" % (month, expected),
                        "%d lines" % n)
    half = final_checks(cli, store, tally, use_check)
    ops = c.ops["read"] + c.ops["write"]
    print("%s: operations %d in %.0f s (%d reads, %d writes; %d month runs; %d same-birth races, %d planned "
          "refusals), errors %d, lost %d, half-written %d; a counter's slowest command %.2f s (%s); checked with %s" %
          (a.engine, ops, took, c.ops["read"], c.ops["write"], c.month_runs, c.races, c.refusals, len(c.errors),
           len(lost), half, c.slowest[0], c.slowest[1], "onewindow check" if use_check else
           "audit verify + fund check"))
    tally.finish("concurrency", a.engine, a.work)


if __name__ == "__main__":
    main()
