import OneWindowCore
import OneWindowStore

public struct AuditService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public func verify() throws -> AuditVerification {
        try ctx.require(.verifyAudit)
        return try ctx.store.verifyAudit()
    }
}
