// The one interface the repositories run SQL through (architecture notes: "One storage interface the
// project owns"). SQL text is the subset SQLite and PostgreSQL 15 share, with `?` placeholders; an
// engine's executor translates placeholders if it must and converts values at its edge.

/// Runs statements inside the current transaction (or read) of one connection.
protocol SQLExecutor {
    /// Runs one statement; returns the rows it changed (inserted, updated, deleted).
    /// `cached`: the statement is kept prepared for the next call with the same text (fixed SQL run
    /// often); leave it off for SQL whose text varies (`IN (?, ?, …)` lists).
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> Int

    /// Runs one statement and returns all its rows.
    func rows(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> [SQLRow]

    /// Runs one statement and hands its rows over one at a time (a long result never held whole).
    func forEachRow(_ sql: String, _ arguments: [SQLValue], cached: Bool, _ body: (SQLRow) throws -> Void) throws
}

extension SQLExecutor {
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int { try execute(sql, arguments, cached: false) }

    func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [SQLRow] { try rows(sql, arguments, cached: false) }

    // MARK: records

    /// Every row, decoded as a record by column name (see `SQLRecordCoding` for the column conventions).
    func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = [], cached: Bool = false) throws -> [T] {
        let decoding = SQLRecordCoding.Decoding()
        return try rows(sql, arguments, cached: cached).map { try decoding.decode(T.self, from: $0) }
    }

    /// The first row, decoded as a record; nil when there is none.
    func fetchOne<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = [], cached: Bool = false) throws -> T? {
        guard let row = try rows(sql, arguments, cached: cached).first else { return nil }
        return try SQLRecordCoding.Decoding().decode(T.self, from: row)
    }

    /// Each row decoded as a record, handed over one at a time.
    func forEach<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = [], cached: Bool = false,
                               _ body: (T) throws -> Void) throws {
        let decoding = SQLRecordCoding.Decoding()
        try forEachRow(sql, arguments, cached: cached) { try body(decoding.decode(T.self, from: $0)) }
    }

    /// The first column of the first row (`SELECT COUNT(*) …`, `SELECT MAX(id) …`); nil when there is no
    /// row or the value is NULL.
    func scalar<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = [], cached: Bool = false) throws -> T? {
        guard let row = try rows(sql, arguments, cached: cached).first, let name = row.columnNames.first,
              row.values[0] != .null else { return nil }
        return try row.decode(name, as: T.self)
    }

    /// Inserts a record as one row of `table`, every encoded column (a NULL too).
    func insert<T: Encodable>(_ record: T, into table: String) throws {
        let columns = try SQLRecordCoding.encode(record)
        try execute(Self.insertSQL(table, columns), columns.map(\.value), cached: true)
    }

    /// Inserts a record whose key is the integer column `id` and returns the id the row got: a record
    /// without one (nil) leaves the column out, so the engine assigns it (`INSERT … RETURNING id`).
    func insertReturningID<T: Encodable>(_ record: T, into table: String) throws -> Int64 {
        let columns = try SQLRecordCoding.encode(record).filter { !($0.name == "id" && $0.value.isNull) }
        let row = try rows(Self.insertSQL(table, columns) + " RETURNING id", columns.map(\.value), cached: true).first
        guard let row, case .int64(let id)? = row["id"] else { throw SQLStoreError("INSERT INTO \(table) returned no id") }
        return id
    }

    /// Writes every column of a stored record, found by its `key` column(s); throws when no row has the key.
    func update<T: Encodable>(_ record: T, table: String, key: [String] = ["id"]) throws {
        let columns = try SQLRecordCoding.encode(record)
        let set = columns.filter { !key.contains($0.name) }
        var keyValues: [SQLValue] = []
        for k in key {
            guard let value = columns.first(where: { $0.name == k })?.value, !value.isNull else {
                throw SQLStoreError("UPDATE \(table): the record has no \(k)")
            }
            keyValues.append(value)
        }
        let sql = "UPDATE \(table) SET " + set.map { "\($0.name) = ?" }.joined(separator: ", ")
            + " WHERE " + key.map { "\($0) = ?" }.joined(separator: " AND ")
        guard try execute(sql, set.map(\.value) + keyValues, cached: true) > 0 else {
            throw SQLStoreError("UPDATE \(table): no row with \(key.joined(separator: ", ")) = \(keyValues.map(\.shown).joined(separator: ", "))")
        }
    }

    private static func insertSQL(_ table: String, _ columns: [(name: String, value: SQLValue)]) -> String {
        "INSERT INTO \(table) (" + columns.map(\.name).joined(separator: ", ") + ") VALUES ("
            + IDList.marks(columns.count) + ")"
    }
}
