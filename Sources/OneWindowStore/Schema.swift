import GRDB

/// Numbered, append-only migrations: a shipped migration is never edited, only followed by a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("001-foundation") { db in
            try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

            CREATE TABLE operator (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('admin','supervisor','clerk','trainee')),
                passwordHash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                failedSignOns INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE employer (
                code TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                region TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('provincial','government','enterprise')),
                unifiedFrom TEXT
            );
            CREATE INDEX employer_name ON employer(name);

            CREATE TABLE person (
                id INTEGER PRIMARY KEY,
                citizenID TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                sex TEXT NOT NULL,
                birthDate TEXT NOT NULL,
                region TEXT NOT NULL
            );
            CREATE INDEX person_name ON person(name);

            CREATE TABLE enrolment (
                id INTEGER PRIMARY KEY,
                personID INTEGER NOT NULL REFERENCES person(id),
                scheme TEXT NOT NULL CHECK (scheme IN ('medical','maternity')),
                category TEXT NOT NULL,
                employerCode TEXT REFERENCES employer(code),
                region TEXT NOT NULL,
                fromMonth TEXT NOT NULL,
                toMonth TEXT,
                endReason TEXT,
                CHECK (toMonth IS NULL OR toMonth >= fromMonth)
            );
            CREATE INDEX enrolment_person ON enrolment(personID, scheme, fromMonth);
            CREATE INDEX enrolment_employer ON enrolment(employerCode, toMonth);
            CREATE INDEX enrolment_open ON enrolment(toMonth, scheme);
            -- At most one open period per person and scheme: the registration rules rely on it.
            CREATE UNIQUE INDEX enrolment_one_open ON enrolment(personID, scheme) WHERE toMonth IS NULL;

            CREATE TABLE contributionBase (
                personID INTEGER NOT NULL REFERENCES person(id),
                fromMonth TEXT NOT NULL,
                baseFen INTEGER NOT NULL CHECK (baseFen >= 0),
                PRIMARY KEY (personID, fromMonth)
            );

            CREATE TABLE contribution (
                id INTEGER PRIMARY KEY,
                personID INTEGER NOT NULL REFERENCES person(id),
                month TEXT NOT NULL,
                item TEXT NOT NULL,
                payer TEXT NOT NULL,
                employerCode TEXT,
                region TEXT NOT NULL,
                baseFen INTEGER NOT NULL,
                rateBp INTEGER NOT NULL,
                amountFen INTEGER NOT NULL,
                maternityFen INTEGER NOT NULL,
                UNIQUE (personID, month, item)
            );
            CREATE INDEX contribution_payer ON contribution(payer, month);
            CREATE INDEX contribution_employer ON contribution(employerCode, month);
            CREATE INDEX contribution_region ON contribution(region, month);

            CREATE TABLE contributionPayment (
                id INTEGER PRIMARY KEY,
                payer TEXT NOT NULL,
                month TEXT NOT NULL,
                amountFen INTEGER NOT NULL CHECK (amountFen > 0),
                paidOn TEXT NOT NULL
            );
            CREATE INDEX contributionPayment_payer ON contributionPayment(payer, month);

            CREATE TABLE policyPeriod (
                id INTEGER PRIMARY KEY,
                region TEXT NOT NULL,
                fromMonth TEXT NOT NULL,
                contributionJSON TEXT NOT NULL,
                addedBy TEXT NOT NULL,
                UNIQUE (region, fromMonth)
            );

            -- AUTOINCREMENT keeps sqlite_sequence at the highest seq ever issued,
            -- so deleting the newest rows still leaves a trace that verify finds.
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                beforeJSON TEXT,
                afterJSON TEXT,
                prevHash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX audit_entity ON audit(entity);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
            """)
        }
        m.registerMigration("002-name-search") { db in
            // Substring search on names at any length from one character, fast on millions of rows.
            // FTS5's unicode61 tokenizer makes a whole Chinese name one token, and trigram finds nothing
            // under 3 characters (research §12, pitfall 20), so the index is our own: every 1- and
            // 2-character piece (gram) of every name, lower-cased like LIKE does for ASCII. A query of
            // 1 or 2 characters is one index range; a longer one walks the range of its rarest bigram and
            // checks the whole query on the indexed name. The name is part of the key, so results come
            // out already ordered by name and LIMIT stops early. Triggers keep it in step with every
            // write, including ones made with the sqlite3 shell.
            try db.execute(sql: """
            -- 1…256: the character positions a trigger walks (triggers may not use WITH RECURSIVE).
            CREATE TABLE nameGramPosition (n INTEGER PRIMARY KEY);
            INSERT INTO nameGramPosition (n)
                WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 256) SELECT n FROM c;

            CREATE TABLE personNameGram (
                gram TEXT NOT NULL,
                name TEXT NOT NULL,
                personID INTEGER NOT NULL,
                PRIMARY KEY (gram, name, personID)
            ) WITHOUT ROWID;

            CREATE TABLE employerNameGram (
                gram TEXT NOT NULL,
                name TEXT NOT NULL,
                code TEXT NOT NULL,
                PRIMARY KEY (gram, name, code)
            ) WITHOUT ROWID;
            """)
            for (table, gramTable, key) in [("person", "personNameGram", ("id", "personID")),
                                             ("employer", "employerNameGram", ("code", "code"))] {
                func grams(_ row: String) -> String {
                    """
                    SELECT substr(lower(\(row).name), n, 1) AS gram, \(row).name AS name, \(row).\(key.0) AS k
                        FROM nameGramPosition WHERE n <= length(\(row).name)
                    UNION
                    SELECT substr(lower(\(row).name), n, 2), \(row).name, \(row).\(key.0)
                        FROM nameGramPosition WHERE n < length(\(row).name)
                    """
                }
                let insertNew = "INSERT OR IGNORE INTO \(gramTable) (gram, name, \(key.1)) \(grams("NEW"));"
                let deleteOld = """
                    DELETE FROM \(gramTable) WHERE name = OLD.name AND \(key.1) = OLD.\(key.0)
                        AND gram IN (SELECT gram FROM (\(grams("OLD"))));
                    """
                try db.execute(sql: """
                CREATE TRIGGER \(table)_name_gram_insert AFTER INSERT ON \(table) BEGIN
                    \(insertNew)
                END;
                CREATE TRIGGER \(table)_name_gram_update AFTER UPDATE OF name, \(key.0) ON \(table) BEGIN
                    \(deleteOld)
                    \(insertNew)
                END;
                CREATE TRIGGER \(table)_name_gram_delete AFTER DELETE ON \(table) BEGIN
                    \(deleteOld)
                END;
                INSERT OR IGNORE INTO \(gramTable) (gram, name, \(key.1))
                    SELECT substr(lower(t.name), p.n, 1), t.name, t.\(key.0)
                        FROM \(table) t JOIN nameGramPosition p ON p.n <= length(t.name)
                    UNION
                    SELECT substr(lower(t.name), p.n, 2), t.name, t.\(key.0)
                        FROM \(table) t JOIN nameGramPosition p ON p.n < length(t.name);
                """)
            }
        }
        m.registerMigration("003-benefit-inputs") { db in
            try db.execute(sql: """
            -- Employers declare their previous-year average monthly wage: the allowance basis (社会保险法 art. 56).
            CREATE TABLE wageDeclaration (
                employerCode TEXT NOT NULL REFERENCES employer(code),
                year INTEGER NOT NULL,
                averageMonthlyWageFen INTEGER NOT NULL CHECK (averageMonthlyWageFen > 0),
                PRIMARY KEY (employerCode, year)
            );

            -- Bills designated hospitals settled directly with the fund (imported lists): never paid twice.
            CREATE TABLE directSettlement (
                id INTEGER PRIMARY KEY,
                hospital TEXT NOT NULL,
                billNo TEXT NOT NULL,
                citizenID TEXT NOT NULL,
                settledOn TEXT NOT NULL,
                amountFen INTEGER NOT NULL CHECK (amountFen >= 0),
                UNIQUE (hospital, billNo)
            );
            CREATE INDEX directSettlement_person ON directSettlement(citizenID);
            """)
        }
        m.registerMigration("004-claims") { db in
            try db.execute(sql: """
            -- One receipt (受理回执) per visit: one or more claims, and a birth's newborn referral.
            CREATE TABLE receipt (
                receiptNo TEXT PRIMARY KEY,
                personID INTEGER NOT NULL REFERENCES person(id),
                submittedOn TEXT NOT NULL,
                submittedBy TEXT NOT NULL,
                newborns INTEGER NOT NULL DEFAULT 0 CHECK (newborns >= 0)
            );
            CREATE INDEX receipt_person ON receipt(personID);

            CREATE TABLE claim (
                id INTEGER PRIMARY KEY,
                receiptNo TEXT NOT NULL REFERENCES receipt(receiptNo),
                kind TEXT NOT NULL CHECK (kind IN ('allowance', 'medical')),
                personID INTEGER NOT NULL REFERENCES person(id),
                insuredID INTEGER NOT NULL REFERENCES person(id),
                employerCode TEXT REFERENCES employer(code),
                region TEXT NOT NULL,
                eventDate TEXT NOT NULL,
                event TEXT NOT NULL,
                allowanceDays INTEGER,
                amountFen INTEGER NOT NULL CHECK (amountFen >= 0),
                computation TEXT NOT NULL,
                flags TEXT NOT NULL,
                deferred INTEGER NOT NULL DEFAULT 0,
                payableFrom TEXT,
                payee TEXT NOT NULL CHECK (payee IN ('person', 'employer')),
                payeeName TEXT NOT NULL,
                account TEXT NOT NULL,
                status TEXT NOT NULL,
                submittedBy TEXT NOT NULL,
                submittedOn TEXT NOT NULL,
                decidedBy TEXT,
                decidedOn TEXT,
                rejectReason TEXT,
                note TEXT
            );
            CREATE INDEX claim_person ON claim(personID);
            CREATE INDEX claim_insured ON claim(insuredID);
            CREATE INDEX claim_receipt ON claim(receiptNo);
            CREATE INDEX claim_status ON claim(status, id);
            CREATE INDEX claim_employer ON claim(employerCode);
            CREATE INDEX claim_account ON claim(account);

            -- The bills of a medical-costs claim: (hospital, bill number) is never paid twice.
            CREATE TABLE claimBill (
                id INTEGER PRIMARY KEY,
                claimID INTEGER NOT NULL REFERENCES claim(id),
                hospital TEXT NOT NULL,
                billNo TEXT NOT NULL,
                item TEXT NOT NULL,
                actualFen INTEGER NOT NULL CHECK (actualFen >= 0),
                paidFen INTEGER NOT NULL CHECK (paidFen >= 0)
            );
            CREATE INDEX claimBill_bill ON claimBill(hospital, billNo);
            CREATE INDEX claimBill_claim ON claimBill(claimID);

            -- What the bank is asked to pay; a failed order stays, and a re-issue is a new order.
            CREATE TABLE paymentOrder (
                id INTEGER PRIMARY KEY,
                claimID INTEGER NOT NULL REFERENCES claim(id),
                payee TEXT NOT NULL,
                payeeName TEXT NOT NULL,
                account TEXT NOT NULL,
                amountFen INTEGER NOT NULL CHECK (amountFen > 0),
                status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
                createdOn TEXT NOT NULL,
                paidOn TEXT,
                failedOn TEXT,
                failure TEXT,
                reissueOf INTEGER REFERENCES paymentOrder(id)
            );
            CREATE INDEX paymentOrder_claim ON paymentOrder(claimID);
            CREATE INDEX paymentOrder_status ON paymentOrder(status, id);
            """)
        }
        m.registerMigration("005-training") { db in
            try db.execute(sql: """
            -- Training sandboxes only (empty elsewhere): the subjects the exercises are about, planted by
            -- the synthetic generator, and every attempt a trainee made at an exercise (the score).
            CREATE TABLE trainingCast (
                role TEXT PRIMARY KEY NOT NULL,
                json TEXT NOT NULL
            );
            CREATE TABLE trainingAttempt (
                id INTEGER PRIMARY KEY,
                operator TEXT NOT NULL,
                exercise TEXT NOT NULL,
                at TEXT NOT NULL,
                passed INTEGER NOT NULL,
                points INTEGER NOT NULL,
                answer TEXT
            );
            CREATE INDEX trainingAttempt_operator ON trainingAttempt(operator, exercise);
            """)
        }
        m.registerMigration("006-payer-month-sums") { db in
            // Sums of an account's months read only the index (a person's view of an employer account
            // with thousands of lines); the narrower (payer, month) indexes become redundant.
            try db.execute(sql: """
            CREATE INDEX contribution_payer_amount ON contribution(payer, month, amountFen);
            DROP INDEX contribution_payer;
            CREATE INDEX contributionPayment_payer_amount ON contributionPayment(payer, month, amountFen);
            DROP INDEX contributionPayment_payer;
            """)
        }
        m.registerMigration("007-worklists") { db in
            // The day's worklists: a clerk's receipts of a day (also the day's receipt sequence), and a
            // supervisor's decisions of a day, read from the audit log (a resubmission clears them on the claim).
            try db.execute(sql: """
            CREATE INDEX receipt_day ON receipt(submittedOn, submittedBy);
            CREATE INDEX audit_operator ON audit(operator, at);
            """)
        }
        m.registerMigration("008-ledger") { db in try db.execute(sql: LedgerSchema.sqlite) }
        m.registerMigration("009-daily-signoff") { db in try db.execute(sql: DailySignoffSchema.sqlite) }
        m.registerMigration("010-budget") { db in try db.execute(sql: BudgetSchema.sqlite) }
        // Sign-on lockout (issue 12): until when an operator may not sign on after repeated failures.
        m.registerMigration("011-signon-lock") { db in try db.execute(sql: "ALTER TABLE operator ADD COLUMN lockedUntil TEXT") }
        return m
    }
}
