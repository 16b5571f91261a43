import OneWindowCore
import OneWindowStore

/// Moving an agency up from its SQLite file to PostgreSQL without re-keying (an admin's job, once).
public struct StoreCopyService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Copies the signed-on store (a file) into the empty PostgreSQL database at `url` and checks it.
    public func copy(to url: String, progress: (String, Int) -> Void = { _, _ in }) throws -> StoreCopyReport {
        try ctx.require(.copyStore)
        guard StoreLocation.isPostgres(url) else { throw DomainError("error.store.copyToPostgres", texts: StoreLocation.shown(url)) }
        let target = try Store(path: url, now: ctx.clock.now)
        defer { try? target.close() }
        return try ctx.store.copy(to: target, operator: ctx.session.operatorName, progress: progress)
    }
}
