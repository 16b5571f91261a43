#!/usr/bin/env python3
"""The crash test's driver (Tests/robust/crash-test.sh runs it once per engine).

Writers (the onewindow binary), two at a time, are SIGKILLed at seeded random moments:
registrations (employer register, person enrol), chunked month runs, claim submissions, approvals (a
supervisor other than the submitter) and payment runs. A write is acknowledged when the command exited 0
and printed its success line; what it acknowledged (codes, IDs, receipt numbers, claim and order numbers,
line counts) is kept. Afterwards every acknowledged write must be there, nothing half-written (both
schemes in step, no receipt without its claims, no approved claim without its order, a killed month run
only whole chunks, and a re-run completes it with every line once), and the store's own checks pass.
The seed fixes the schedule (which command, its arguments, whether and when in its run it is killed);
where a kill lands in the work still depends on the machine's timing."""
import random
import re
import threading

from robust import (CLI, SUPERVISORS, Store, Tally, account, arguments, citizen_id, credit_code, enrol_base, final_checks,
                    guarded, month_add, setup_store, today, whole_chunks)

# Two writers at a time (the machine's two cores): the first also runs the month runs (so a month's lines have
# one writer and a killed run's chunks can be counted), the second files more of the counter's work.
STREAMS = [[("monthrun", 40), ("approve", 20), ("payrun", 10), ("employer", 10), ("enrol", 10), ("claim", 10)],
           [("enrol", 35), ("claim", 35), ("employer", 10), ("approve", 15), ("payrun", 5)]]
KINDS = ["employer", "enrol", "claim", "approve", "payrun", "monthrun"]
HOSPITAL = "天津市中心妇产科医院"


class Crash:
    def __init__(self, cli, store, tally, seed, months, codes, items, est):
        self.cli, self.store, self.tally, self.seed = cli, store, tally, seed
        self.lock = threading.Lock()
        self.local = threading.local()
        self.months, self.codes, self.items, self.est = months, codes, items, est
        self.day = today().isoformat()
        self.now = self.day[:7]
        self.n = 0
        self.kills = 0
        self.kills_by = {k: 0 for k in KINDS}
        self.acked = 0
        self.attempts = 0
        self.employers, self.employers_tried = {}, {}
        self.persons, self.persons_tried = set(), set()
        self.women = []
        self.intent = {}                  # citizen ID -> (claim kinds, submitter) of its one submission
        self.receipts = {}                # receipt number -> {claim id: kind}, acknowledged
        self.pending = []                 # [claim id, submitter, killed before] awaiting a decision
        self.approved = {}                # claim id -> order id, acknowledged
        self.approved_by_killed = set()   # a retry was refused because a killed approval had committed
        self.paid = []                    # order ids each acknowledged payment run paid
        self.month_lines = {}             # month -> lines an acknowledged run reported (new + already there)
        self.month_killed = {}            # month -> kills
        self.partway = 0                  # month runs killed after committing a chunk, before their last
        self.chunk_findings = []
        self.committed_unacked = 0

    @property
    def rng(self):
        return self.local.rng

    # --- running a writer, maybe to be killed --------------------------------------------------------
    def kill_after(self, key):
        """None (run to the end, a fifth of the time), or seconds: mostly late in the usual run time, where
        the writes are (sign-on's password hashing comes first), the rest anywhere in it."""
        x = self.rng.random()
        if x < 0.2:
            return None
        if key.startswith("monthrun"):  # its chunks take the second half or more of its time
            f = self.rng.uniform(0.35, 1.0) if x < 0.9 else self.rng.uniform(0.0, 0.35)
        else:
            f = self.rng.uniform(0.75, 1.02) if x < 0.65 else self.rng.uniform(0.0, 0.75)
        return f * self.usual(key)

    def usual(self, key):
        """The median time of the last runs of this kind that ended by themselves."""
        with self.lock:
            last = sorted(self.est.get(key, [])[-15:]) or [0.4]
        return last[len(last) // 2]

    def attempt(self, kind, who, args, key=None):
        key = key or kind
        r = self.cli.run_killed(who, args, self.kill_after(key))
        with self.lock:
            self.attempts += 1
            if r.killed:
                self.kills += 1
                self.kills_by[kind] += 1
            elif r.rc == 0:
                self.est.setdefault(key, []).append(r.secs)
        return r

    def unexpected(self, kind, r):
        self.tally.check(False, "%s: neither acknowledged nor killed" % kind, r.show())

    def next_n(self):
        with self.lock:
            self.n += 1
            return self.n

    def ack(self):
        with self.lock:
            self.acked += 1

    # --- the writers -------------------------------------------------------------------------------
    def employer(self):
        n = self.next_n()
        code, name = credit_code(2, n), "崩溃测试单位%d" % n
        self.employers_tried[code] = name
        r = self.attempt("employer", self.rng.choice(["wang", "li"]),
                         ["employer", "register", "--code", code, "--name", name, "--region", "tianjin",
                          "--kind", "enterprise", "--unified-from", "2019-01"])
        if r.rc == 0 and "已登记单位 %s" % code in r.out:
            self.employers[code] = name
            self.ack()
        elif not r.killed:
            self.unexpected("employer register", r)

    def enrol(self):
        n = self.next_n()
        female = self.rng.random() < 0.7
        cid = citizen_id(1000 + n, female)
        self.persons_tried.add(cid)
        r = self.attempt("enrol", self.rng.choice(["wang", "li"]),
                         ["person", "enrol", "--id", cid, "--name", "崩溃测试", "--category", "employee", "--employer",
                          self.rng.choice(self.codes), "--base", "6000", "--from", self.now])
        if r.rc == 0 and "职工医保：自 %s 起参保" % self.now in r.out and "生育保险：自 %s 起参保" % self.now in r.out:
            with self.lock:
                self.persons.add(cid)
                self.acked += 1
                if female:
                    self.women.append(cid)
        elif not r.killed:
            self.unexpected("person enrol", r)

    def claim(self):
        with self.lock:
            if not self.women:
                return False
            cid = self.women.pop(self.rng.randrange(len(self.women)))
        n = self.next_n()
        who = self.rng.choice(["wang", "li", "zhao"])
        args = ["claim", "submit", "--id", cid, "--date", self.day, "--delivery", "natural", "--allowance",
                "--account", account(n), "--json"]
        kinds = ["allowance"]
        if self.rng.random() < 0.5:  # the birth bundle: two claims on one receipt
            args += ["--bill", "delivery=3000@%s#CR%06d" % (HOSPITAL, n), "--refer-newborns"]
            kinds.append("medical")
        self.intent[cid] = (kinds, who)
        r = self.attempt("claim", who, args)
        if r.rc == 0:
            try:
                d = r.json()
                claims = {c["id"]: c["kind"] for c in d["claims"]}
                if sorted(claims.values()) != sorted(kinds) or not re.fullmatch(r"SY\d{8}-\d{4}", d["receiptNo"]):
                    raise ValueError("not what was asked for")
            except (ValueError, KeyError, TypeError) as e:
                self.tally.check(False, "claim submit: its receipt (%s)" % e, r.show())
                return True
            with self.lock:
                self.receipts[d["receiptNo"]] = claims
                self.acked += 1
                self.pending += [[claim_id, who, False] for claim_id in claims]
        elif not r.killed:
            self.unexpected("claim submit", r)
        return True

    def approve(self):
        with self.lock:
            if not self.pending:
                return False
            claim_id, submitter, killed_before = self.pending.pop(self.rng.randrange(len(self.pending)))
        who = self.rng.choice([s for s in SUPERVISORS if s != submitter])  # four eyes
        r = self.attempt("approve", who, ["claim", "approve", str(claim_id)])
        m = re.search(r"已核准申领 (\d+)（回执 SY[0-9-]+），生成支付单 (\d+)：", r.out)
        if r.rc == 0 and m and int(m.group(1)) == claim_id:
            self.approved[claim_id] = int(m.group(2))
            self.ack()
        elif r.killed:
            with self.lock:
                self.pending.append([claim_id, submitter, True])  # decided later: by this kill or by a retry
        elif r.rc == 1 and killed_before and "不在待审核状态" in r.out + r.err:
            with self.lock:
                self.approved_by_killed.add(claim_id)
                self.committed_unacked += 1
        else:
            self.unexpected("claim approve", r)
        return True

    def payrun(self):
        r = self.attempt("payrun", self.rng.choice(SUPERVISORS), ["payments", "run", "--json"])
        if r.rc == 0:
            try:
                paid = [int(i) for i in r.json()["paid"]]
                with self.lock:
                    self.paid += paid
                    self.acked += 1
            except (ValueError, KeyError, TypeError) as e:
                self.tally.check(False, "payments run: its summary (%s)" % e, r.show())
        elif not r.killed:
            self.unexpected("payments run", r)

    def open_month(self):
        for m in self.months:
            if m not in self.month_lines:
                return m
        return self.rng.choice(self.months)  # all charged: a re-run, which must change nothing

    def run_rows(self, month):
        """The month's chunk rows and run rows in the audit log."""
        rows = dict(self.store.rows("SELECT action, COUNT(*) FROM audit WHERE entity = 'month:%s' GROUP BY action"
                                    % month))
        return int(rows.get("contributions.run.chunk", 0)), int(rows.get("contributions.run", 0))

    def monthrun(self):
        month = self.open_month()
        k = self.rng.randint(1, 4)
        before = self.run_rows(month)
        r = self.attempt("monthrun", self.rng.choice(["wang", "zhao"]),
                         ["contributions", "run", "--month", month, "--chunk-size", str(k)], key="monthrun%d" % k)
        m = re.search(r"(\d{4}-\d{2}) 核定完成：\d+人，新增(\d+)条，已有(\d+)条未变", r.out)
        if r.rc == 0 and m and m.group(1) == month:
            lines = int(m.group(2)) + int(m.group(3))
            self.tally.check(lines == self.expected_lines, "a completed run of %s charged everyone once" % month,
                             "%d lines reported, %d expected\n%s" % (lines, self.expected_lines, r.show()))
            self.month_lines[month] = lines
            self.ack()
        elif r.killed:
            self.month_killed[month] = self.month_killed.get(month, 0) + 1
            found = whole_chunks(self.store, month, self.items)
            if found and not self.chunk_findings:
                print("FAIL (first finding, kill #%d): a killed run of %s left part of a chunk:\n    %s" %
                      (self.kills, month, "\n    ".join(found[:10])), flush=True)
            self.chunk_findings += found
            after = self.run_rows(month)
            if after[0] > before[0] and after[1] == before[1]:  # chunks committed, the run's own row not
                with self.lock:
                    self.partway += 1
        else:
            self.unexpected("contributions run", r)

    # --- the schedule ----------------------------------------------------------------------------------
    def stream(self, k, kills_wanted):
        self.local.rng = random.Random("%d/%d" % (self.seed, k))
        kinds, weights = zip(*STREAMS[k])
        while self.kills < kills_wanted and self.attempts < kills_wanted * 4 and self.tally.failed < 20:
            kind = self.rng.choices(kinds, weights)[0]
            if getattr(self, kind)() is False:
                self.enrol()
            if k == 0 and self.rng.random() < 0.03:
                print("  %d attempts, %d kills, %d acknowledged" % (self.attempts, self.kills, self.acked), flush=True)

    def go(self, kills_wanted):
        threads = [guarded(self.tally, "writer stream %d" % k, self.stream, k, kills_wanted)
                   for k in range(len(STREAMS))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def main():
    ap = arguments()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--kills", type=int, required=True)
    ap.add_argument("--months", type=int, default=24)
    ap.add_argument("--persons", type=int, default=24)
    a = ap.parse_args()

    tally = Tally(a.engine)
    cli, store = CLI(a.binary, a.store, a.work), Store(a.store)
    now = today().strftime("%Y-%m")
    months = [month_add(now, -k) for k in range(a.months, 0, -1)]
    use_check = cli.has_check()

    # The population the month runs charge: enrolled before the first month, so the crash's own
    # enrolments (from this month) never change what a past month's run has to charge.
    codes = setup_store(cli, tally)
    enrol_base(cli, tally, [citizen_id(i, i % 2 == 0) for i in range(a.persons)], codes[0], month_add(months[0], -1))
    est = {}
    r = cli.run("wang", "contributions", "run", "--month", months[0], "--chunk-size", "3")
    m = re.search(r"新增(\d+)条", r.out)
    if not tally.check(r.rc == 0 and m, "the reference month run", r.show()):
        raise SystemExit(1)
    expected = int(m.group(1))
    items = expected // a.persons
    tally.check(expected == items * a.persons and items > 0, "every base person charged the same items",
                "%d lines for %d persons" % (expected, a.persons))
    for k in range(1, 5):
        est["monthrun%d" % k] = [r.secs * 3 / k]

    crash = Crash(cli, store, tally, a.seed, months[1:], codes, items, est)
    crash.expected_lines = expected
    print("%s: seed %d, %d kills wanted, %d base persons, months %s..%s, %s" %
          (a.engine, a.seed, a.kills, a.persons, months[1], months[-1],
           "checking with `onewindow check`" if use_check else "no `onewindow check` yet: audit verify + fund check"),
          flush=True)
    crash.go(a.kills)

    # --- afterwards ------------------------------------------------------------------------------------
    tally.check(not crash.chunk_findings, "killed month runs left only whole chunks (%d killed runs checked)" %
                sum(crash.month_killed.values()), "\n".join(crash.chunk_findings[:20]))
    if crash.kills_by["monthrun"] >= 30:  # at CI size and above; a smaller run may well miss
        tally.check(crash.partway > 0, "some month runs were killed part-way (%d), so chunking was tested" %
                    crash.partway)
    lost = []
    # Every month charged once more, without a kill: completes the killed ones, changes nothing in the others.
    for month in months[1:]:
        if month not in crash.month_lines and month not in crash.month_killed:
            continue
        r = cli.run("wang", "contributions", "run", "--month", month)
        m = re.search(r"新增(\d+)条，已有(\d+)条未变", r.out)
        if not tally.check(r.rc == 0 and m, "re-run of %s" % month, r.show()):
            continue
        new, had = int(m.group(1)), int(m.group(2))
        if month in crash.month_lines and new != 0:
            lost.append("month %s: acknowledged as complete (%d lines), the re-run added %d" %
                        (month, crash.month_lines[month], new))
        tally.check(new + had == expected, "the re-run of %s completes it: every line once" % month,
                    "new %d + already there %d, expected %d" % (new, had, expected))
        found = whole_chunks(store, month, items)
        tally.check(store.count("SELECT COUNT(*) FROM contribution WHERE month = '%s'" % month) == expected,
                    "%s holds exactly %d lines after the re-run" % (month, expected), "\n".join(found))

    have = {r[0] for r in store.rows("SELECT code FROM employer")}
    lost += ["employer %s" % c for c in crash.employers if c not in have]
    crash.committed_unacked += len([c for c in crash.employers_tried if c in have and c not in crash.employers])
    open_periods = {}
    for cid, scheme, n in store.rows("SELECT p.citizenID, e.scheme, COUNT(*) FROM person p JOIN enrolment e ON "
                                     "e.personID = p.id WHERE e.toMonth IS NULL GROUP BY p.citizenID, e.scheme"):
        open_periods[(cid, scheme)] = int(n)
    for cid in crash.persons:
        if open_periods.get((cid, "medical")) != 1 or open_periods.get((cid, "maternity")) != 1:
            lost.append("person %s: medical %s, maternity %s open periods" % (
                cid, open_periods.get((cid, "medical")), open_periods.get((cid, "maternity"))))
    crash.committed_unacked += len([c for c in crash.persons_tried - crash.persons if (c, "medical") in open_periods])

    # Receipts: the acknowledged ones with exactly their claims; any receipt with the claims its submission asked for.
    stored = {}
    for rno, cid, claim_id, kind, n_bills in store.rows(
            "SELECT r.receiptNo, p.citizenID, c.id, c.kind, (SELECT COUNT(*) FROM claimBill b WHERE b.claimID = c.id) "
            "FROM receipt r JOIN person p ON p.id = r.personID JOIN claim c ON c.receiptNo = r.receiptNo"):
        stored.setdefault(rno, {"cid": cid, "claims": {}, "bills": 0})
        stored[rno]["claims"][int(claim_id)] = kind
        stored[rno]["bills"] += int(n_bills)
    for rno, claims in crash.receipts.items():
        if stored.get(rno, {}).get("claims") != claims:
            lost.append("receipt %s: acknowledged with claims %s, stored %s" % (rno, claims, stored.get(rno)))
    mismatched = []
    for rno, s in stored.items():
        kinds, _ = crash.intent.get(s["cid"], (None, None))
        if kinds is None or sorted(s["claims"].values()) != sorted(kinds) or s["bills"] != kinds.count("medical"):
            mismatched.append("receipt %s of %s: claims %s with %d bills, the submission asked for %s" %
                              (rno, s["cid"], s["claims"], s["bills"], kinds))
    tally.check(not mismatched, "every stored receipt holds all the claims and bills its submission asked for",
                "\n".join(mismatched[:20]))
    crash.committed_unacked += len([r for r in stored if r not in crash.receipts])

    orders = {int(i): (int(c), s) for i, c, s in store.rows("SELECT id, claimID, status FROM paymentOrder")}
    for claim_id, order in crash.approved.items():
        if orders.get(order, (None,))[0] != claim_id:
            lost.append("approval of claim %d: its order %d is %s" % (claim_id, order, orders.get(order)))
    for order in set(crash.paid):
        if orders.get(order, (None, None))[1] != "paid":
            lost.append("payment of order %d: now %s" % (order, orders.get(order)))
    tally.check(len(crash.paid) == len(set(crash.paid)), "no order paid by two payment runs",
                sorted(o for o in set(crash.paid) if crash.paid.count(o) > 1))

    for line in lost[:30]:
        print("LOST: " + line)
    tally.check(not lost, "every acknowledged write is there (%d acknowledged)" % crash.acked)
    half = final_checks(cli, store, tally, use_check) + len(crash.chunk_findings) + len(mismatched)

    print("%s: kills %d (%s), attempts %d, acknowledged writes %d, lost %d, half-written %d; "
          "killed after their commit %d, month runs killed part-way %d; seed %d; checked with %s" %
          (a.engine, crash.kills, ", ".join("%s %d" % kv for kv in crash.kills_by.items()), crash.attempts,
           crash.acked, len(lost), half, crash.committed_unacked, crash.partway, a.seed,
           "onewindow check" if use_check else "audit verify + fund check"))
    print("  usual run times: " + ", ".join("%s %.2fs" % (k, crash.usual(k)) for k in sorted(est)))
    tally.finish("crash", a.engine, a.work)


if __name__ == "__main__":
    main()
