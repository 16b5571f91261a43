/// Builds the query on a name-gram table (see migration "002-name-search"). Grams are Unicode scalars,
/// as SQLite's `substr` counts them, lower-cased for ASCII only, as SQLite's `lower` does.
/// The row walk starts from the gram index: SQLite is told so (`CROSS JOIN … ON`); PostgreSQL's planner
/// finds it unasked (plain `JOIN`, `strpos` for `instr`). Gram columns collate as "C" there, so the order
/// is SQLite's (bytes) and `lower` is ASCII-only as SQLite's is.
enum NameGramSearch {
    /// A gram range walked only up to this many rows when choosing the rarest bigram of a long query.
    static let countCap = 20_000

    static func sql(gramTable: String, table: String, join: String, order: String, query: String,
                    _ tx: StoreTx) throws -> (text: String, arguments: [SQLValue])? {
        var lowered = String.UnicodeScalarView()
        for s in query.unicodeScalars { lowered.append((65...90).contains(s.value) ? Unicode.Scalar(s.value + 32)! : s) }
        let q = String(lowered)
        let scalars = Array(lowered)
        guard !scalars.isEmpty else { return nil }
        // The row walk starts from the gram index, whose order is the name's.
        let postgres = tx.engine == .postgres
        let select = """
            SELECT t.* FROM \(gramTable) g \(postgres ? "JOIN" : "CROSS JOIN") \(table) t ON \(join)
            WHERE g.gram = ?
            """
        let tail = " ORDER BY g.name, \(order) LIMIT ?"
        if scalars.count <= 2 { return (select + tail, [.text(q)]) }
        // Longer: every match contains each of the query's bigrams; walk the rarest and check the rest.
        let bigrams = Set((0..<scalars.count - 1).map { String(String.UnicodeScalarView(scalars[$0...$0 + 1])) })
        let counted = try bigrams.map { gram in
            (gram, try tx.sql.scalar(Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM \(gramTable) WHERE gram = ? LIMIT \(countCap)) AS x",
                                  [.text(gram)], cached: true) ?? 0)
        }
        let rarest = counted.min { ($0.1, $0.0) < ($1.1, $1.0) }!.0
        let contains = postgres ? "strpos(lower(g.name), ?) > 0" : "instr(lower(g.name), ?) > 0"
        return (select + " AND " + contains + tail, [.text(rarest), .text(q)])
    }
}
