// One row of the audit chain as stored (see the store's AuditLog for the chain's rules).

public struct AuditRecord: Codable, Sendable, Equatable {
    public var seq: Int64
    public var at: String
    public var `operator`: String
    public var action: String
    public var entity: String
    public var beforeJSON: String?
    public var afterJSON: String?
    public var prevHash: String
    public var hash: String
}
