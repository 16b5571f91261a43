"""Shared by the crash and concurrency tests (Tests/robust): identifiers, the store read directly (SQLite file
or PostgreSQL URL), the onewindow command line run as a clerk would, a store set up for the tests, and the
checks both tests end with. Standard library only."""
import argparse
import datetime
import json
import os
import re
import sqlite3
import subprocess
import tempfile
import threading
import time
import traceback


def arguments():
    """The options both robustness scripts take: the binary, the store, a work folder, the engine's name."""
    ap = argparse.ArgumentParser()
    for name in ("--binary", "--store", "--work", "--engine"):
        ap.add_argument(name, required=True)
    return ap

# --- identifiers -----------------------------------------------------------------------------------
_CC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CCW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_IDW = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def credit_code(prefix, n):
    """A valid unified social credit code: `prefix` (2 digits) keeps the tests' employers apart."""
    body = "91120116%02d%07d" % (prefix, n)
    return body + _CC[(31 - sum(_CC.index(c) * w for c, w in zip(body, _CCW)) % 31) % 31]


def citizen_id(n, female, district="120101"):
    """A valid Tianjin citizen ID, unique per (n, sex): born 1986-1995, the 17th digit even for a woman."""
    born = datetime.date(1986, 1, 1) + datetime.timedelta(days=(n // 450) % 3600)
    body = "%s%s%03d" % (district, born.strftime("%Y%m%d"), 2 * (n % 450) + 100 + (0 if female else 1))
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _IDW)) % 11]


def account(n):
    return "62220202%011d" % n


# --- calendar (the office's, Asia/Shanghai) ---------------------------------------------------------
def today():
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    return datetime.date.today()


def month_add(ym, k):
    y, m = int(ym[:4]), int(ym[5:7])
    i = y * 12 + (m - 1) + k
    return "%04d-%02d" % (i // 12, i % 12 + 1)


# --- the store, read directly -------------------------------------------------------------------------
class Store:
    """Read-only queries on the store, whichever engine holds it (the same SQL runs on both). Values come back
    as text (None for NULL), the same from both engines; the caller converts."""

    def __init__(self, url):
        self.url = url
        self.pg = url.startswith("postgresql://")

    def rows(self, query):
        if self.pg:
            out = subprocess.run(["psql", "-XAtq", "-F", "\t", "-v", "ON_ERROR_STOP=1", self.url, "-c", query],
                                 capture_output=True, text=True, timeout=120)
            if out.returncode != 0:
                raise RuntimeError("psql: %s: %s" % (query, out.stderr.strip()))
            return [tuple(v if v != "" else None for v in line.split("\t")) for line in out.stdout.splitlines()]
        # Read-only: this connection never writes, checkpoints or creates a file beside the store.
        con = sqlite3.connect("file:%s?mode=ro" % self.url, uri=True, timeout=60)
        try:
            return [tuple(None if v is None else str(v) for v in r) for r in con.execute(query)]
        finally:
            con.close()

    def one(self, query):
        rows = self.rows(query)
        return rows[0][0] if rows else None

    def count(self, query):
        return int(self.one(query) or 0)


# --- the command line ---------------------------------------------------------------------------------
# What a clerk must never see from a store under load (SQLite's and PostgreSQL's words, and the product's own).
LOCK_ERRORS = re.compile(r"database is locked|database table is locked|SQLITE_BUSY|could not serialize|"
                         r"deadlock detected|40001|40P01|lock timeout|canceling statement due to lock|"
                         r"数据正忙|连接中断", re.IGNORECASE)


class Result:
    def __init__(self, argv, rc, out, err, secs, killed=False):
        self.argv, self.rc, self.out, self.err, self.secs, self.killed = argv, rc, out, err, secs, killed

    def json(self):
        return json.loads(self.out)

    def show(self):
        return "$ %s\nexit %s after %.2fs\n%s%s" % (" ".join(self.argv[1:]), self.rc, self.secs, self.out, self.err)


class CLI:
    """Runs `onewindow` as one operator at a time (each operator's password from PASSWORDS), on one store,
    with no terminal and no stdin, in Chinese."""

    def __init__(self, binary, store, work):
        self.binary, self.store, self.tmp = binary, store, work
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ONEWINDOW_")}
        # The audit key and any per-user data go to the test's own folder, removed with it.
        self.env.update(TZ="Asia/Shanghai", ONEWINDOW_STORE=store, XDG_DATA_HOME=os.path.join(work, "data"),
                        ONEWINDOW_AUDIT_KEYS=os.path.join(work, "audit-keys"))

    def _env(self, who, extra):
        env = dict(self.env, ONEWINDOW_OPERATOR=who, ONEWINDOW_PASSWORD=PASSWORDS[who])
        env.update(extra or {})
        return env

    def run(self, who, *args, extra_env=None, timeout=300):
        argv = [self.binary, *args]
        t0 = time.monotonic()
        p = subprocess.run(argv, env=self._env(who, extra_env), stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=timeout)
        return Result(argv, p.returncode, p.stdout, p.stderr, time.monotonic() - t0)

    def run_killed(self, who, args, kill_after):
        """Runs the command and, if it is still running `kill_after` seconds in, SIGKILLs it. Output goes to
        files (a killed process leaves no pipe half-read)."""
        argv = [self.binary, *args]
        fd_out, out_path = tempfile.mkstemp(dir=self.tmp)
        fd_err, err_path = tempfile.mkstemp(dir=self.tmp)
        t0 = time.monotonic()
        p = subprocess.Popen(argv, env=self._env(who, None), stdin=subprocess.DEVNULL, stdout=fd_out, stderr=fd_err)
        os.close(fd_out)
        os.close(fd_err)
        killed = False
        try:
            p.wait(timeout=kill_after) if kill_after is not None else p.wait(timeout=300)
        except subprocess.TimeoutExpired:
            p.kill()  # SIGKILL, to the onewindow process itself (no shell between)
            p.wait()
            killed = kill_after is not None
        secs = time.monotonic() - t0
        with open(out_path, encoding="utf-8", errors="replace") as f:
            out = f.read()
        with open(err_path, encoding="utf-8", errors="replace") as f:
            err = f.read()
        os.unlink(out_path)
        os.unlink(err_path)
        return Result(argv, p.returncode, out, err, secs, killed=killed and p.returncode == -9)

    def has_check(self):
        """`onewindow check` exists once its help names it (before that, `check` falls to the terminal)."""
        r = self.run("root", "check", "--help")
        return r.rc == 0 and "onewindow check" in r.out


PASSWORDS = {"root": "admin-pass-1", "wang": "clerk-pass-1", "li": "clerk-pass-2", "zhou": "clerk-pass-3",
             "wu": "clerk-pass-4", "zheng": "clerk-pass-5", "sun": "clerk-pass-6", "zhao": "sup-pass-1",
             "qian": "sup-pass-2"}
CLERKS = ["wang", "li", "zhou", "wu", "zheng", "sun"]
SUPERVISORS = ["zhao", "qian"]


class Tally:
    def __init__(self, name):
        global _TALLY
        self.name, self.passed, self.failed = name, 0, 0
        self.lock = threading.Lock()
        _TALLY = self

    def finish(self, test, engine, work):
        """Prints the tally and leaves it for robust_engines (lib.sh); exits 1 on any failure."""
        print("%s (%s): %d passed, %d failed" % (test, engine, self.passed, self.failed), flush=True)
        with open(os.path.join(work, "tally"), "w") as f:
            f.write("%d %d\n" % (self.passed, self.failed))
        raise SystemExit(1 if self.failed else 0)

    def check(self, cond, what, detail=""):
        with self.lock:
            if cond:
                self.passed += 1
            else:
                self.failed += 1
                print("FAIL: %s" % what, flush=True)
                if detail:
                    print("\n".join("    " + l for l in str(detail).splitlines()[:40]), flush=True)
        return cond


# --- a store for the tests ---------------------------------------------------------------------------
_TALLY = None  # the driver's tally, for setup threads


def setup_store(cli, tally, employers=3):
    """A fresh store: admin root, the clerks and two supervisors; `employers` unified Tianjin employers with
    last year's wage declared (the allowance basis). Returns their codes."""
    r = cli.run("root", "init", "--admin", "root", "--region", "tianjin")
    if not tally.check(r.rc == 0, "init the store", r.show()):
        raise SystemExit(1)
    def operator(name):
        role = "supervisor" if name in SUPERVISORS else "clerk"
        r = cli.run("root", "operator", "add", "--name", name, "--role", role,
                    extra_env={"ONEWINDOW_NEW_PASSWORD": PASSWORDS[name]})
        tally.check(r.rc == 0, "add operator %s" % name, r.show())
    in_parallel(operator, CLERKS + SUPERVISORS)
    codes = [credit_code(1, i + 1) for i in range(employers)]
    year = str(today().year - 1)

    def employer(code):
        r = cli.run("root", "employer", "register", "--code", code, "--name", "测试单位" + code[-4:], "--region",
                    "tianjin", "--kind", "enterprise", "--unified-from", "2019-01")
        tally.check(r.rc == 0, "register employer %s" % code, r.show())
        r = cli.run("root", "employer", "wage", "--code", code, "--year", year, "--wage", "6000")
        tally.check(r.rc == 0, "declare the wage of %s" % code, r.show())
    in_parallel(employer, codes)
    return codes


def guarded(tally, name, work, *args):
    """A thread's work: an exception in it is a failure of the test, not a thread that quietly stops."""
    def run():
        try:
            work(*args)
        except Exception:
            tally.check(False, "%s stopped on an exception" % name, traceback.format_exc())
    return threading.Thread(target=run)


def in_parallel(work, items, width=2):
    """work(item) for every item, `width` at a time (the machine's two cores)."""
    threads = [guarded(_TALLY, "setup", lambda part: [work(x) for x in part], items[k::width]) for k in range(width)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def enrol_base(cli, tally, ids, employer, from_month, parallel=2):
    """Enrols the month run's population (employees from `from_month`), `parallel` counters at once."""
    def enrol(cid):
        r = cli.run("wang", "person", "enrol", "--id", cid, "--name", "基础职工", "--category", "employee",
                    "--employer", employer, "--base", "6000", "--from", from_month)
        tally.check(r.rc == 0, "enrol base person %s" % cid, r.show())
    in_parallel(enrol, ids, parallel)


def chunk_rows(store, month):
    """The month run's committed chunks: (fromPerson, toPerson, inserted) per chunk audit row, and the lines
    inserted by runs that were one chunk (no chunk row, only the run's)."""
    chunks, single = [], 0
    for action, after in store.rows("SELECT action, afterJSON FROM audit WHERE entity = 'month:%s' AND action IN "
                                    "('contributions.run.chunk', 'contributions.run') ORDER BY seq" % month):
        d = json.loads(after)
        if action == "contributions.run.chunk":
            chunks.append((int(d["fromPerson"]), int(d["toPerson"]), int(d["inserted"])))
        elif int(d["chunks"]) == 1:
            single += int(d["inserted"])
    return chunks, single


def whole_chunks(store, month, items_per_person):
    """Half-writes of a month run: lines outside every committed chunk's person range, a person with some
    of their items only, or a line count that differs from what the committed audit rows say they inserted.
    Returns a list of findings (empty: only whole chunks)."""
    chunks, single = chunk_rows(store, month)
    lines = store.rows("SELECT personID, COUNT(*) FROM contribution WHERE month = '%s' GROUP BY personID" % month)
    found = []
    total = sum(int(n) for _, n in lines)
    said = sum(c[2] for c in chunks) + single
    if total != said:
        found.append("month %s: %d lines, the committed chunks' audit rows say %d" % (month, total, said))
    for pid, n in ((int(p), int(n)) for p, n in lines):
        if n != items_per_person:
            found.append("month %s: person %s has %d of %d lines" % (month, pid, n, items_per_person))
        if single == 0 and not any(lo <= pid <= hi for lo, hi, _ in chunks):
            found.append("month %s: person %s charged outside every committed chunk" % (month, pid))
    return found


def invariants(store):
    """Counts of half-writes the store must never hold, whatever was killed: name -> (count, sample)."""
    q = {
        "an employee's medical period without its maternity twin":
            "FROM enrolment m WHERE m.scheme = 'medical' AND m.category = 'employee' AND NOT EXISTS (SELECT 1 FROM "
            "enrolment t WHERE t.scheme = 'maternity' AND t.personID = m.personID AND t.fromMonth = m.fromMonth AND "
            "COALESCE(t.toMonth, '') = COALESCE(m.toMonth, '') AND COALESCE(t.employerCode, '') = "
            "COALESCE(m.employerCode, ''))",
        "a maternity period without its medical twin":
            "FROM enrolment t WHERE t.scheme = 'maternity' AND NOT EXISTS (SELECT 1 FROM enrolment m WHERE "
            "m.scheme = 'medical' AND m.personID = t.personID AND m.fromMonth <= t.fromMonth AND "
            "COALESCE(m.toMonth, '9999-12') >= COALESCE(t.toMonth, '9999-12'))",
        "a person registered without an enrolment":
            "FROM person p WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.personID = p.id)",
        "an enrolled person without a contribution base":
            "FROM person p WHERE NOT EXISTS (SELECT 1 FROM contributionBase b WHERE b.personID = p.id)",
        "a receipt without its claim":
            "FROM receipt r WHERE NOT EXISTS (SELECT 1 FROM claim c WHERE c.receiptNo = r.receiptNo)",
        "a medical-costs claim without its bills":
            "FROM claim c WHERE c.kind = 'medical' AND NOT EXISTS (SELECT 1 FROM claimBill b WHERE b.claimID = c.id)",
        "an approved or paid claim without its payment order":
            "FROM claim c WHERE c.status IN ('approved', 'paid') AND NOT EXISTS (SELECT 1 FROM paymentOrder o WHERE "
            "o.claimID = c.id)",
        "a payment order of a claim not approved":
            "FROM paymentOrder o JOIN claim c ON c.id = o.claimID WHERE c.status NOT IN ('approved', 'paid')",
        "a paid claim without a paid order":
            "FROM claim c WHERE c.status = 'paid' AND NOT EXISTS (SELECT 1 FROM paymentOrder o WHERE o.claimID = c.id "
            "AND o.status = 'paid')",
        "a paid order whose claim is not paid":
            "FROM paymentOrder o JOIN claim c ON c.id = o.claimID WHERE o.status = 'paid' AND c.status <> 'paid'",
        "a decision without its supervisor, or by the claim's submitter":
            "FROM claim c WHERE c.status IN ('approved', 'paid', 'rejected') AND (c.decidedBy IS NULL OR "
            "c.decidedBy = c.submittedBy)",
        "a contribution line twice":
            "FROM (SELECT personID, month, item FROM contribution GROUP BY personID, month, item "
            "HAVING COUNT(*) > 1) AS dup",
    }
    out = {name: (store.count("SELECT COUNT(*) " + sql), "") for name, sql in q.items()}
    # Every record and its audit row commit together: as many rows of each as the other.
    for what, table, action in [("person", "person", "person.register"), ("receipt", "receipt", "receipt.create"),
                                ("claim", "claim", "claim.submit"), ("payment order", "paymentOrder", "payment.order"),
                                ("employer", "employer", "employer.register")]:
        rows, audited = store.count("SELECT COUNT(*) FROM %s" % table), \
            store.count("SELECT COUNT(*) FROM audit WHERE action = '%s'" % action)
        out["a %s without its audit row, or an audit row without its %s" % (what, what)] = \
            (abs(rows - audited), "%d rows, %d audit rows" % (rows, audited))
    return out


def final_checks(cli, store, tally, use_check):
    """`audit verify`, `onewindow check` when it exists (else `fund check`), `reconcile`, and the half-write
    invariants. Returns the number of half-written records found."""
    r = cli.run("root", "audit", "verify")
    tally.check(r.rc == 0 and "审计日志完整" in r.out, "audit verify: the chain is intact", r.show())
    if use_check:
        r = cli.run("root", "check")
        tally.check(r.rc == 0 and "✗" not in r.out, "onewindow check passes", r.show())
    else:
        r = cli.run("zhao", "fund", "check")
        tally.check(r.rc == 0 and "✗" not in r.out, "fund check: the ledger agrees with the records", r.show())
    r = cli.run("zhao", "reconcile")
    tally.check(r.rc == 0 and "两险不一致：0人" in r.out, "reconcile: both schemes in step for everyone", r.show())
    half = 0
    for name, (n, sample) in invariants(store).items():
        tally.check(n == 0, "no half-write: %s (%d found)" % (name, n), sample)
        half += n
    return half
