import Foundation
import OneWindowCore

// The yardstick `onewindow bench` holds the month's run against: the same contribution lines written as
// plain SQL, in the same transactions, for the engine's own shell (`sqlite3`, `psql`) to insert into a
// copy of the store taken before the run.

extension Store {
    /// The columns the run inserts (the id is the engine's), in its order.
    static let runColumns = "personID, month, item, payer, employerCode, region, baseFen, rateBp, amountFen, maternityFen"

    /// The newest contribution line's id (0 when there is none): a batch's lines are those after it.
    public func lastContributionID() throws -> Int64 {
        try read { tx in try tx.sql.scalar(Int64.self, "SELECT MAX(id) FROM contribution") ?? 0 }
    }

    /// The contribution lines after `afterID`: how many, of how many persons, and their amounts in fen.
    public func contributionLines(after afterID: Int64) throws -> (count: Int, persons: Int, totalFen: Int64) {
        try read { tx in
            let row = try tx.sql.rows("""
                SELECT COUNT(*) AS n, COUNT(DISTINCT personID) AS persons, CAST(COALESCE(SUM(amountFen), 0) AS BIGINT) AS fen
                FROM contribution WHERE id > ?
                """, [.int64(afterID)]).first
            return (try row?.decode("n", as: Int.self) ?? 0, try row?.decode("persons", as: Int.self) ?? 0,
                    try row?.decode("fen", as: Int64.self) ?? 0)
        }
    }

    /// Writes the lines after `afterID` to `path` as SQL: a transaction per `personsPerTransaction`
    /// persons (the run's chunks), with the store's own settings for the connection (SQLite: foreign keys
    /// on, `synchronous = FULL`, the run's 24 MB page cache; one `INSERT` per line, as the run binds them).
    /// PostgreSQL gets the run's 500 lines per `INSERT`. Returns the lines and transactions written.
    public func writeRawContributionInserts(after afterID: Int64, personsPerTransaction: Int,
                                            to path: String) throws -> (lines: Int, transactions: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let file = FileHandle(forWritingAtPath: path) else {
            throw DomainError("error.file.write", texts: path, String(cString: strerror(errno)))
        }
        defer { try? file.close() }
        let postgres = StoreLocation.isPostgres(self.path)
        var out = postgres ? "" : "PRAGMA foreign_keys = ON;\nPRAGMA synchronous = FULL;\nPRAGMA cache_size = -24576;\n"
        var lines = 0, transactions = 0, persons = 0, inStatement = 0
        var lastPerson: Int64?
        func flush(_ force: Bool = false) {
            guard force || out.utf8.count > 1 << 20 else { return }
            file.write(Data(out.utf8))
            out = ""
        }
        func endStatement() { if inStatement > 0 { out += ";\n"; inStatement = 0 } }
        try read { tx in
            try tx.sql.forEachRow("SELECT \(Self.runColumns) FROM contribution WHERE id > ? ORDER BY id",
                                  [.int64(afterID)], cached: false) { row in
                let person = try row.decode("personID", as: Int64.self)
                if person != lastPerson {
                    if persons % max(1, personsPerTransaction) == 0 {
                        endStatement()
                        if transactions > 0 { out += "COMMIT;\n" }
                        out += "BEGIN;\n"
                        transactions += 1
                    }
                    persons += 1
                    lastPerson = person
                }
                let values = "(" + row.values.map { Self.literal($0, postgres: postgres) }.joined(separator: ", ") + ")"
                if !postgres || inStatement == 0 {
                    endStatement()
                    out += "INSERT INTO contribution (\(Self.runColumns)) VALUES " + values
                } else {
                    out += ",\n" + values
                }
                inStatement += 1
                if postgres ? inStatement == Contributions.batch : true { endStatement() }
                lines += 1
                flush()
            }
        }
        endStatement()
        if transactions > 0 { out += "COMMIT;\n" }
        flush(true)
        return (lines, transactions)
    }

    /// The engine's own shell running `script` on the store at `location`, stopping at the first error.
    public static func rawShell(_ location: String, script: String) -> (tool: String, arguments: [String]) {
        StoreLocation.isPostgres(location)
            ? ("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", location, "-f", script])
            : ("sqlite3", ["-bail", location, ".read '\(script.replacingOccurrences(of: "'", with: "''"))'"])
    }

    private static func literal(_ v: SQLValue, postgres: Bool) -> String {
        switch v {
        case .null: "NULL"
        case .int64(let n): String(n)
        case .double(let d): String(d)
        case .bool(let b): postgres ? (b ? "TRUE" : "FALSE") : (b ? "1" : "0")
        case .text(let t): "'" + t.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
