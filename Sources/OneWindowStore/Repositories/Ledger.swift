import OneWindowCore

/// The merged fund's ledger: entries with their balanced lines, closed months and their balances.
/// Rows are append-only (the schema's triggers refuse UPDATE and DELETE).
public struct Ledger {
    let sql: any SQLExecutor

    /// Stores a balanced entry with its lines; returns its id. `(source, ref)` must be new.
    @discardableResult
    public func post(period: YearMonth, postedOn: CalendarDate, source: LedgerSource, ref: String, document: String?,
                     memo: String, reversalOf: Int64? = nil, postedBy: String, lines: JournalLines) throws -> Int64 {
        let id = try sql.insertReturningID(EntryRow(period: period.description, postedOn: postedOn.description,
                                                    sourceKind: source.rawValue, sourceRef: ref, document: document,
                                                    memo: memo, reversalOf: reversalOf, postedBy: postedBy), into: "ledgerEntry")
        for p in lines.postings {
            try sql.execute("INSERT INTO ledgerLine (entryID, account, debitFen, creditFen) VALUES (?, ?, ?, ?)",
                            [.int64(id), .text(p.account.rawValue), .int64(p.debit.fen), .int64(p.credit.fen)], cached: true)
        }
        return id
    }

    public func entry(id: Int64) throws -> LedgerEntry? {
        try entries("WHERE e.id = ?", [.int64(id)]).first
    }

    public func entry(_ source: LedgerSource, ref: String) throws -> LedgerEntry? {
        try entries("WHERE e.sourceKind = ? AND e.sourceRef = ?", [.text(source.rawValue), .text(ref)]).first
    }

    /// The entry that reverses `id`, if any.
    public func reversal(of id: Int64) throws -> LedgerEntry? {
        try entries("WHERE e.reversalOf = ?", [.int64(id)]).first
    }

    /// Entries of one month (all when nil), by id; of one source kind when given.
    public func entries(period: YearMonth?, source: LedgerSource? = nil) throws -> [LedgerEntry] {
        var conditions: [String] = []
        var args: [SQLValue] = []
        if let period { conditions.append("e.period = ?"); args.append(.text(period.description)) }
        if let source { conditions.append("e.sourceKind = ?"); args.append(.text(source.rawValue)) }
        return try entries(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), args)
    }

    private func entries(_ filter: String, _ args: [SQLValue]) throws -> [LedgerEntry] {
        var heads: [(Int64, EntryRow)] = []
        try sql.forEachRow("SELECT * FROM ledgerEntry e \(filter) ORDER BY e.id", args, cached: false) { row in
            heads.append((try row.decode("id"), try EntryRow(row)))
        }
        guard !heads.isEmpty else { return [] }
        var lines: [Int64: [Posting]] = [:]
        _ = try IDList.chunked(heads.map(\.0)) { marks, chunk -> [Never] in
            try sql.forEachRow("SELECT * FROM ledgerLine WHERE entryID IN (\(marks))", chunk.map(SQLValue.int64), cached: false) { row in
                guard let account = LedgerAccount(rawValue: try row.decode("account")) else {
                    throw SQLStoreError("unknown ledger account \(try row.decode("account", as: String.self))")
                }
                lines[try row.decode("entryID"), default: []].append(
                    Posting(account: account, debit: Money(fen: try row.decode("debitFen")), credit: Money(fen: try row.decode("creditFen"))))
            }
            return []
        }
        return try heads.map { id, h in
            guard let source = LedgerSource(rawValue: h.sourceKind) else { throw SQLStoreError("unknown ledger source \(h.sourceKind)") }
            return LedgerEntry(id: id, period: try YearMonth.parse(h.period), postedOn: try CalendarDate.parse(h.postedOn),
                               source: source, ref: h.sourceRef, document: h.document, memo: h.memo, reversalOf: h.reversalOf,
                               postedBy: h.postedBy, lines: try JournalLines(lines[id] ?? []))
        }
    }

    /// Debits and credits per month and account, from `from` through `to` (each optional).
    public func movements(from: YearMonth? = nil, through to: YearMonth? = nil) throws -> [YearMonth: [LedgerAccount: (debit: Int64, credit: Int64)]] {
        var result: [YearMonth: [LedgerAccount: (debit: Int64, credit: Int64)]] = [:]
        try sql.forEachRow("""
            SELECT e.period AS period, l.account AS account, SUM(l.debitFen) AS d, SUM(l.creditFen) AS c
            FROM ledgerLine l JOIN ledgerEntry e ON e.id = l.entryID
            WHERE e.period >= ? AND e.period <= ?
            GROUP BY e.period, l.account
            """, [.text(from?.description ?? "0000-01"), .text(to?.description ?? "9999-12")], cached: true) { row in
            guard let account = LedgerAccount(rawValue: try row.decode("account")) else { return }
            result[try YearMonth.parse(row.decode("period")), default: [:]][account] = (try row.decode("d"), try row.decode("c"))
        }
        return result
    }

    /// The first month with an entry.
    public func firstPeriod() throws -> YearMonth? {
        try sql.scalar(String.self, "SELECT MIN(period) FROM ledgerEntry").flatMap { try? YearMonth.parse($0) }
    }

    // MARK: closed months

    public func firstClosed() throws -> YearMonth? {
        try sql.scalar(String.self, "SELECT MIN(period) FROM ledgerClose").flatMap { try? YearMonth.parse($0) }
    }

    public func lastClosed() throws -> YearMonth? {
        try sql.scalar(String.self, "SELECT MAX(period) FROM ledgerClose", cached: true).flatMap { try? YearMonth.parse($0) }
    }

    public func isClosed(_ period: YearMonth) throws -> Bool {
        try sql.scalar(Int.self, "SELECT COUNT(*) FROM ledgerClose WHERE period = ?", [.text(period.description)], cached: true) != 0
    }

    /// Records a month closed with the balances the close computed.
    public func close(_ period: YearMonth, on date: CalendarDate, by op: String, balances: [AccountMonth]) throws {
        try sql.execute("INSERT INTO ledgerClose (period, closedOn, closedBy) VALUES (?, ?, ?)",
                        [.text(period.description), .text(date.description), .text(op)])
        for b in balances {
            try sql.execute("""
                INSERT INTO ledgerBalance (period, account, openingFen, debitFen, creditFen, closingFen) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(period.description), .text(b.account.rawValue), .int64(b.opening.fen), .int64(b.debit.fen),
                      .int64(b.credit.fen), .int64(b.closing.fen)], cached: true)
        }
    }

    /// The balances a month's close recorded.
    public func closedBalances(_ period: YearMonth) throws -> [AccountMonth] {
        try sql.rows("SELECT * FROM ledgerBalance WHERE period = ? ORDER BY account", [.text(period.description)]).compactMap { row in
            guard let account = LedgerAccount(rawValue: try row.decode("account")) else { return nil }
            return AccountMonth(account: account, opening: Money(fen: try row.decode("openingFen")),
                                debit: Money(fen: try row.decode("debitFen")), credit: Money(fen: try row.decode("creditFen")))
        }
    }
}

private struct EntryRow: Codable {
    var period: String
    var postedOn: String
    var sourceKind: String
    var sourceRef: String
    var document: String?
    var memo: String
    var reversalOf: Int64?
    var postedBy: String

    init(period: String, postedOn: String, sourceKind: String, sourceRef: String, document: String?, memo: String,
         reversalOf: Int64?, postedBy: String) {
        self.period = period
        self.postedOn = postedOn
        self.sourceKind = sourceKind
        self.sourceRef = sourceRef
        self.document = document
        self.memo = memo
        self.reversalOf = reversalOf
        self.postedBy = postedBy
    }

    init(_ row: SQLRow) throws {
        period = try row.decode("period")
        postedOn = try row.decode("postedOn")
        sourceKind = try row.decode("sourceKind")
        sourceRef = try row.decode("sourceRef")
        document = try row.decode("document")
        memo = try row.decode("memo")
        reversalOf = try row.decode("reversalOf")
        postedBy = try row.decode("postedBy")
    }
}

extension StoreTx { public var ledger: Ledger { Ledger(sql: sql) } }
