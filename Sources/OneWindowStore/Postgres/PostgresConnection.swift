import CLibpq
import Foundation

/// One libpq connection (PostgreSQL's own C client; postgres-research.md: why not PostgresNIO for a
/// synchronous counter). Statements use the extended protocol with text values; `?` placeholders are
/// numbered `$1…` here, so the repositories' SQL is the same text SQLite runs.
final class PostgresConnection {
    private let conn: OpaquePointer
    /// Prepared statements by SQL text (`cached:`): server-side, they outlive a rolled-back transaction.
    private var prepared: [String: String] = [:]

    /// `url`: a libpq connection URI (`postgresql://user@host/db?host=/socket/dir`); the password comes
    /// from the URI, `$PGPASSWORD` or `~/.pgpass`, as libpq reads them. Dates come back as ISO text.
    /// `lockTimeout`: how long a statement waits for a row another transaction locked (then 55P03).
    init(url: String, lockTimeout: TimeInterval) throws {
        // A server machine that vanishes (a power cut) must not leave a counter waiting for minutes on TCP:
        // bounded connect and dead-peer detection by default. They come before `dbname`, so the URL's own
        // values (expanded from it) override them; over a Unix socket libpq ignores them.
        let keys = ["connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                    "dbname", "client_encoding", "options", "fallback_application_name"]
        let options = "-c DateStyle=ISO,YMD -c TimeZone=UTC -c lock_timeout=\(Int(lockTimeout * 1000))"
        let values = ["10", "10", "3", "3", "30000", url, "UTF8", options, "onewindow"]
        let conn = Self.withCStrings(keys) { k in Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw PostgresError(.connection, "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.message(PQerrorMessage(conn))
            PQfinish(conn)
            throw PostgresError(.connection, message)
        }
        onewindow_pq_quiet(conn)
        self.conn = conn
    }

    deinit { PQfinish(conn) }

    /// After the server went away (a restart, a failover to the standby at the same address), connects
    /// again before the next transaction; the prepared statements went with the old session.
    func reconnectIfLost() throws {
        guard PQstatus(conn) != CONNECTION_OK else { return }
        PQreset(conn)
        prepared = [:]
        guard PQstatus(conn) == CONNECTION_OK else { throw PostgresError(.connection, Self.message(PQerrorMessage(conn))) }
        onewindow_pq_quiet(conn)
    }

    /// Runs one or more statements without parameters (DDL, `BEGIN`, `COMMIT`); returns the last
    /// command's tag (`COMMIT` or `ROLLBACK`: a failed transaction answers COMMIT with ROLLBACK).
    @discardableResult
    func script(_ sql: String) throws -> String {
        let result = try check(PQexec(conn, sql), sql)
        defer { PQclear(result) }
        return String(cString: PQcmdStatus(result))
    }

    /// Runs one statement with `?` parameters and returns its result.
    func run(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> PostgresResult {
        let (types, texts) = Self.parameters(arguments)
        let result: OpaquePointer? = try Self.withOptionalCStrings(texts) { values in
            if cached {
                let name: String
                if let known = prepared[sql] {
                    name = known
                } else {
                    name = "ow\(prepared.count + 1)"
                    let prep = try check(PQprepare(conn, name, Self.numbered(sql), Int32(types.count), types), sql)
                    PQclear(prep)
                    prepared[sql] = name
                }
                return PQexecPrepared(conn, name, Int32(texts.count), values, nil, nil, 0)
            }
            return PQexecParams(conn, Self.numbered(sql), Int32(texts.count), types, values, nil, nil, 0)
        }
        return PostgresResult(try check(result, sql))
    }

    /// `COPY … FROM STDIN` (text format): `produce` hands over one row at a time, its values in the
    /// statement's column order. Sent in blocks of about 64 KB; an error in `produce` aborts the COPY.
    func copyIn(_ sql: String, _ produce: (_ row: ([SQLValue]) throws -> Void) throws -> Void) throws {
        let start = try check(PQexec(conn, sql), sql, expecting: PGRES_COPY_IN)
        PQclear(start)
        var block: [UInt8] = []
        block.reserveCapacity(1 << 16)
        func flush() throws {
            guard !block.isEmpty else { return }
            let sent = block.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
            }
            guard sent == 1 else { throw PostgresError(.query, Self.message(PQerrorMessage(conn)), sql: sql) }
            block.removeAll(keepingCapacity: true)
        }
        var failure: Error?
        do {
            try produce { values in
                for (i, value) in values.enumerated() {
                    if i > 0 { block.append(9) }
                    Self.appendCopyText(value, to: &block)
                }
                block.append(10)
                if block.count >= 1 << 16 { try flush() }
            }
            try flush()
        } catch { failure = error }
        PQputCopyEnd(conn, failure == nil ? nil : "the copy was stopped")
        var serverError: Error?
        while let result = PQgetResult(conn) {
            do { PQclear(try check(result, sql)) } catch { serverError = serverError ?? error }
        }
        if let error = failure ?? serverError { throw error }
    }

    /// A value in COPY's text format: `\N` for NULL, backslash, tab, newline and return escaped.
    private static func appendCopyText(_ value: SQLValue, to out: inout [UInt8]) {
        let text: String
        switch value {
        case .null: out.append(contentsOf: [92, 78]); return
        case .int64(let n): text = String(n)
        case .bool(let b): text = b ? "1" : "0"
        case .double(let d): text = String(d)
        case .text(let t): text = t
        }
        for byte in text.utf8 {
            switch byte {
            case 92: out.append(contentsOf: [92, 92])
            case 9: out.append(contentsOf: [92, 116])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            default: out.append(byte)
            }
        }
    }

    /// Fails with the server's error (its SQLSTATE kept) unless the result is a success.
    private func check(_ result: OpaquePointer?, _ sql: String, expecting: ExecStatusType? = nil) throws -> OpaquePointer {
        guard let result else { throw PostgresError(.query, Self.message(PQerrorMessage(conn)), sql: sql) }
        let status = PQresultStatus(result)
        let fine = expecting.map { status == $0 } ?? [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY].contains(status)
        if fine { return result }
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let message = Self.message(PQresultErrorMessage(result))
        PQclear(result)
        if PQstatus(conn) != CONNECTION_OK { throw PostgresError(.connection, message, sqlState: state, sql: sql) }
        throw PostgresError(.query, message, sqlState: state, sql: sql)
    }

    // MARK: parameters

    /// Integers go as `bigint`; texts (and NULL) as "unknown", so the server reads them as the column's
    /// type (a `date`, a `text`). A Bool is the 0/1 the schema stores.
    private static func parameters(_ arguments: [SQLValue]) -> ([Oid], [String?]) {
        var types: [Oid] = []
        var texts: [String?] = []
        for value in arguments {
            switch value {
            case .null: types.append(0); texts.append(nil)
            case .int64(let n): types.append(20); texts.append(String(n))
            case .bool(let b): types.append(20); texts.append(b ? "1" : "0")
            case .double(let d): types.append(701); texts.append(String(d))
            case .text(let t): types.append(0); texts.append(t)
            }
        }
        return (types, texts)
    }

    /// `?` → `$1, $2, …` outside string literals, quoted identifiers, comments and dollar quotes.
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        let chars = Array(sql.unicodeScalars)
        var i = 0
        var n = 0
        func copy(until end: Int) { while i < min(end, chars.count) { out.unicodeScalars.append(chars[i]); i += 1 } }
        func find(_ needle: [Unicode.Scalar], from start: Int) -> Int {
            var j = start
            while j + needle.count <= chars.count {
                if Array(chars[j..<j + needle.count]) == needle { return j + needle.count }
                j += 1
            }
            return chars.count
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "?":
                n += 1
                out += "$\(n)"
                i += 1
            case "'", "\"":
                // A doubled quote inside is an escaped one: scanning to each closing quote handles it.
                copy(until: find([c], from: i + 1))
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                copy(until: find(["\n"], from: i + 2))
            case "/" where i + 1 < chars.count && chars[i + 1] == "*":
                copy(until: find(["*", "/"], from: i + 2))
            case "$":
                // `$tag$ … $tag$` (tag empty or an identifier); a `$1` is not a dollar quote.
                var j = i + 1
                while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic
                        || (j > i + 1 && ("0"..."9").contains(chars[j])) { j += 1 }
                if j < chars.count, chars[j] == "$" {
                    let tag = Array(chars[i...j])
                    copy(until: find(tag, from: j + 1))
                } else {
                    out.unicodeScalars.append(c)
                    i += 1
                }
            default:
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        return out
    }

    // MARK: C strings

    private static func message(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        // libpq runs a message over lines (a hint after "\n\t", one line per host tried): one line for the clerk.
        return String(cString: text).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A NULL-terminated array of C strings, as libpq's keyword/value arrays are.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
        try withOptionalCStrings(strings + [nil], body)
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
        let pointers: [UnsafePointer<CChar>?] = strings.map { $0.flatMap { strdup($0).map { UnsafePointer($0) } } }
        defer { for p in pointers { free(UnsafeMutablePointer(mutating: p)) } }
        return try body(pointers)
    }
}

/// What went wrong talking to PostgreSQL. The message is the server's or libpq's (which never repeat
/// a password); `sqlState` is the five-character code (40001 serialization failure, 40P01 deadlock …).
struct PostgresError: Error, CustomStringConvertible {
    enum Kind: Sendable { case connection, query }
    let kind: Kind
    let message: String
    let sqlState: String?
    let sql: String?

    init(_ kind: Kind, _ message: String, sqlState: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.sql = sql
    }

    /// A transaction PostgreSQL gave up so another could go on: running it again is the remedy.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

    var description: String { message + (sqlState.map { " (SQLSTATE \($0))" } ?? "") }
}
