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
        return m
    }
}
