import Foundation
import OneWindowCore
import OneWindowStore

/// A supervisor's decision as the audit log recorded it, with the claim as it stands now.
public struct DecisionMade: Sendable {
    /// What was decided: approved, rejected or returned (the claim may have moved on since).
    public let decision: ClaimStatus
    /// The audit time (UTC, ISO 8601).
    public let at: String
    public let claim: ClaimView
    public var receiptNo: ReceiptNumber { claim.claim.receiptNo }
}

/// The day's work at the counter, read-only; every item carries its receipt number, so a row opens
/// the receipt. "Today" is the services' clock (a Beijing date).
public struct Worklists: Sendable {
    public enum Scope: Sendable { case mine, office }
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Claims back at the counter for documents, oldest first: those the signed-on operator took, or the office's.
    public func returnedClaims(_ scope: Scope) throws -> [ClaimView] {
        try ctx.require(.lookup)
        let mine = scope == .mine ? ctx.session.operatorName : nil
        return try ctx.store.read { tx in try ClaimLookup(ctx).views(tx.claims.returned(submittedBy: mine), tx) }
    }

    /// The receipts the signed-on operator filed today, in the day's order.
    public func myReceiptsToday() throws -> [ReceiptView] {
        try ctx.require(.lookup)
        let lookup = ClaimLookup(ctx)
        return try ctx.store.read { tx in
            try tx.receipts.filed(on: ctx.clock.today, by: ctx.session.operatorName).map { try lookup.receiptView($0, tx) }
        }
    }

    /// For a supervisor: the approvals, rejections and returns she made today, oldest first. Read from the
    /// audit log, since a returned claim resubmitted the same day no longer carries who returned it.
    public func myDecisionsToday() throws -> [DecisionMade] {
        try ctx.require(.decideClaim)
        let actions = ["claim.approve": ClaimStatus.approved, "claim.reject": .rejected, "claim.return": .returned]
        let start = Calendar.china.startOfDay(for: ctx.clock.now())
        let end = Calendar.china.date(byAdding: .day, value: 1, to: start)!
        return try ctx.store.read { tx in
            let rows = try tx.auditRecords.by(operator: ctx.session.operatorName, actions: Array(actions.keys).sorted(), from: start, to: end)
            let ids = rows.compactMap { Int64($0.entity.dropFirst("claim:".count)) }
            let views = try ClaimLookup(ctx).views(tx.claims.find(ids: ids), tx)
            let byID = Dictionary(uniqueKeysWithValues: views.map { ($0.claim.id!, $0) })
            return rows.compactMap { row in
                guard let id = Int64(row.entity.dropFirst("claim:".count)), let view = byID[id] else { return nil }
                return DecisionMade(decision: actions[row.action]!, at: row.at, claim: view)
            }
        }
    }
}
