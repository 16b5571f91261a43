/// Builds the query on a name-gram table (see migration "002-name-search"). Grams are Unicode scalars,
/// as SQLite's `substr` counts them, lower-cased for ASCII only, as SQLite's `lower` does.
/// (SQLite's SQL: `CROSS JOIN … ON` and `instr` are engine-specific; PostgreSQL gets its own.)
enum NameGramSearch {
    /// A gram range walked only up to this many rows when choosing the rarest bigram of a long query.
    static let countCap = 20_000

    static func sql(gramTable: String, table: String, join: String, order: String, query: String,
                    _ sql: any SQLExecutor) throws -> (text: String, arguments: [SQLValue])? {
        var lowered = String.UnicodeScalarView()
        for s in query.unicodeScalars { lowered.append((65...90).contains(s.value) ? Unicode.Scalar(s.value + 32)! : s) }
        let q = String(lowered)
        let scalars = Array(lowered)
        guard !scalars.isEmpty else { return nil }
        // The row walk is forced to start from the gram index (CROSS JOIN), whose order is the name's.
        let select = """
            SELECT t.* FROM \(gramTable) g CROSS JOIN \(table) t ON \(join)
            WHERE g.gram = ?
            """
        let tail = " ORDER BY g.name, \(order) LIMIT ?"
        if scalars.count <= 2 { return (select + tail, [.text(q)]) }
        // Longer: every match contains each of the query's bigrams; walk the rarest and check the rest.
        let bigrams = Set((0..<scalars.count - 1).map { String(String.UnicodeScalarView(scalars[$0...$0 + 1])) })
        let counted = try bigrams.map { gram in
            (gram, try sql.scalar(Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM \(gramTable) WHERE gram = ? LIMIT \(countCap)) AS x",
                                  [.text(gram)], cached: true) ?? 0)
        }
        let rarest = counted.min { ($0.1, $0.0) < ($1.1, $1.0) }!.0
        return (select + " AND instr(lower(g.name), ?) > 0" + tail, [.text(rarest), .text(q)])
    }
}
