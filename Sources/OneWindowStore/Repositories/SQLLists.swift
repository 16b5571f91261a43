// Shared by the repositories that read by lists of ids or names.

/// `IN (…)` lists of bound values.
enum IDList {
    /// At most this many ids are bound to one statement (SQLite caps a statement's bound values; so does PostgreSQL).
    static let chunkSize = 10_000

    /// `?, ?, ?` for `count` values.
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// Runs `query` on the sorted, distinct ids a slice at a time and joins the results: one query for any
    /// ordinary number of ids. A query ordered by the same id keeps its order across slices.
    static func chunked<T>(_ ids: [Int64], _ query: (_ marks: String, _ chunk: [Int64]) throws -> [T]) throws -> [T] {
        let sorted = Set(ids).sorted()
        return try stride(from: 0, to: sorted.count, by: chunkSize).flatMap { start in
            let chunk = Array(sorted[start..<min(start + chunkSize, sorted.count)])
            return try query(marks(chunk.count), chunk)
        }
    }
}
