/// Migration "010-budget" on both engines (`Schema` registers the SQLite one, `PostgresSchema` lists the
/// PostgreSQL one). An adopted budget, one per year, kept whole as JSON (lines with their reasons); final.
enum BudgetSchema {
    static let sqlite = """
        CREATE TABLE budget (
            year INTEGER PRIMARY KEY NOT NULL,
            json TEXT NOT NULL,
            adoptedBy TEXT NOT NULL,
            adoptedOn TEXT NOT NULL
        );
        CREATE TRIGGER budget_no_update BEFORE UPDATE ON budget
            BEGIN SELECT RAISE(ABORT, 'an adopted budget is final'); END;
        CREATE TRIGGER budget_no_delete BEFORE DELETE ON budget
            BEGIN SELECT RAISE(ABORT, 'an adopted budget is final'); END;
        """

    static let postgres = """
        CREATE TABLE budget (
            year bigint PRIMARY KEY,
            json text COLLATE "C" NOT NULL,
            adoptedBy text COLLATE "C" NOT NULL,
            adoptedOn date NOT NULL
        );
        CREATE FUNCTION budget_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'an adopted budget is final';
        END
        $$;
        CREATE TRIGGER budget_no_change BEFORE UPDATE OR DELETE ON budget
            FOR EACH ROW EXECUTE PROCEDURE budget_final();
        CREATE TRIGGER budget_no_truncate BEFORE TRUNCATE ON budget
            FOR EACH STATEMENT EXECUTE PROCEDURE budget_final();
        """
}
