import OneWindowCore
import OneWindowStore

public struct AuditService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Walks the chain; with `anchor` (a head kept away from the store) also proves the rows up to it unchanged.
    public func verify(anchor: AuditAnchor? = nil) throws -> AuditVerification {
        try ctx.require(.verifyAudit)
        return try ctx.store.verifyAudit(anchor: anchor)
    }

    /// The chain's head, to keep away from the store. Printing it is itself audited (who took an anchor, when).
    public func anchor() throws -> AuditAnchor? {
        try ctx.require(.verifyAudit)
        guard let head = try ctx.store.auditAnchor() else { return nil }
        guard !ctx.store.readOnly else { return head }
        try ctx.write { _, audit in
            audit.append(AuditEntry(action: "audit.anchor", entity: "audit:\(head.seq)", after: AuditEntry.json(["hash": head.hash])))
        }
        return head
    }
}
