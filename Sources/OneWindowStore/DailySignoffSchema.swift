/// Migration "009-daily-signoff" on both engines (`Schema` registers the SQLite one, `PostgresSchema` lists
/// the PostgreSQL one, under the same name). A day of the counter signed off by a supervisor (日结), once and
/// for good: who, when, and the figures as signed (their digest, and the office's totals as JSON), so a later
/// change to that day's figures shows. The day's registrations and contribution payments are read from the
/// audit log by time, whoever recorded them: `audit_at` finds a day's rows without reading the whole log.
enum DailySignoffSchema {
    static let sqlite = """
        CREATE TABLE dailySignoff (
            day TEXT PRIMARY KEY NOT NULL,
            signedBy TEXT NOT NULL,
            signedAt TEXT NOT NULL,
            digest TEXT NOT NULL,
            totals TEXT NOT NULL
        );
        CREATE TRIGGER dailySignoff_no_update BEFORE UPDATE ON dailySignoff
            BEGIN SELECT RAISE(ABORT, 'sign-offs are final'); END;
        CREATE TRIGGER dailySignoff_no_delete BEFORE DELETE ON dailySignoff
            BEGIN SELECT RAISE(ABORT, 'sign-offs are final'); END;
        CREATE INDEX audit_at ON audit(at);
        """

    static let postgres = """
        CREATE TABLE dailySignoff (
            day date PRIMARY KEY,
            signedBy text COLLATE "C" NOT NULL,
            signedAt text COLLATE "C" NOT NULL,
            digest text COLLATE "C" NOT NULL,
            totals text COLLATE "C" NOT NULL
        );
        CREATE FUNCTION daily_signoff_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'sign-offs are final';
        END
        $$;
        CREATE TRIGGER dailySignoff_no_change BEFORE UPDATE OR DELETE ON dailySignoff
            FOR EACH ROW EXECUTE PROCEDURE daily_signoff_final();
        CREATE TRIGGER dailySignoff_no_truncate BEFORE TRUNCATE ON dailySignoff
            FOR EACH STATEMENT EXECUTE PROCEDURE daily_signoff_final();
        CREATE INDEX audit_at ON audit(at);
        """
}
