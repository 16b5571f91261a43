import OneWindowCore
import OneWindowStore

/// One line of `onewindow check`, or of the verification of a backup or a restore: what was checked,
/// whether it held, and what was found, in the reader's language.
public struct StoreCheckLine: Sendable, Equatable {
    public enum Kind: String, Sendable { case storage, foreignKeys, audit, rows, schemes, ledger }
    public let kind: Kind
    public let ok: Bool
    public let message: Message

    init(_ kind: Kind, _ ok: Bool, _ args: [Message.Arg]) {
        self.kind = kind
        self.ok = ok
        message = Message("out.check.\(kind.rawValue).\(ok ? "ok" : "bad")", args)
    }
}

extension Array where Element == StoreCheckLine {
    public var allOK: Bool { allSatisfy { $0.ok } }
    public func line(_ kind: StoreCheckLine.Kind) -> StoreCheckLine? { first { $0.kind == kind } }
}

/// `onewindow check`: is the store whole? Storage integrity, foreign keys, the audit chain, both schemes in
/// step, the ledger balanced: one line each. Reads only, so a script may run it on a store in use.
public struct StoreCheckService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public func check() throws -> [StoreCheckLine] {
        try ctx.require(.checkStore)
        return Self.soundness(ctx) + [schemes(), ledger()]
    }

    /// What every store, a backup file too, must pass: its storage, its references, its audit chain.
    static func soundness(_ ctx: ServiceContext) -> [StoreCheckLine] {
        let storage = ctx.store.storageProblems()
        let orphans = ctx.store.foreignKeyProblems()
        return [
            StoreCheckLine(.storage, storage.isEmpty, storage.isEmpty ? [.message(Message("out.check.storage.\(ctx.store.storageCheckName)"))] : [.text(shortList(storage))]),
            StoreCheckLine(.foreignKeys, orphans.isEmpty, orphans.isEmpty ? [] : [.text(shortList(orphans))]),
            audit(ctx),
        ]
    }

    /// The chain as `audit verify` walks it (the keyed chain too: the service that verifies it).
    static func audit(_ ctx: ServiceContext) -> StoreCheckLine {
        do {
            let v = try AuditService(ctx).verify()
            return v.isIntact ? StoreCheckLine(.audit, true, [.text(String(v.rows))])
                : StoreCheckLine(.audit, false, [.text(String(v.rows)), .text(shortList(v.problems.map(\.description)))])
        } catch let e as UserFacingError {
            return StoreCheckLine(.audit, false, [.text("-"), .message(e.message)])
        } catch {
            return StoreCheckLine(.audit, false, [.text("-"), .text(Store.describe(error))])
        }
    }

    /// Rows of a written copy against the counts it must have.
    static func rows(_ found: StoreCounts, expected: StoreCounts, against what: String) -> StoreCheckLine {
        let differences = found.differences(from: expected)
        let headOK = found.auditSeq == expected.auditSeq
        guard differences.isEmpty, headOK else {
            let all = differences + (headOK ? [] : ["audit seq: \(found.auditSeq)/\(expected.auditSeq)"])
            return StoreCheckLine(.rows, false, [.message(Message(what)), .text(shortList(all))])
        }
        return StoreCheckLine(.rows, true, [.message(Message(what)), .text(String(found.tables.count)), .text(String(found.total))])
    }

    /// Every person's maternity periods follow from the medical ones (`MaternitySync`, the rule `reconcile`
    /// applies). Walked here rather than through `reconcile`'s list, so an enrolment whose person is gone
    /// (the foreign-key line reports it) is named by its id instead of stopping the check.
    private func schemes() -> StoreCheckLine {
        do {
            try ctx.require(.lookup)
            let sync = ReconciliationService(ctx).sync
            let horizon = ctx.clock.currentMonth
            let found = try ctx.store.read { tx -> [String] in
                var byPerson: [Int64: [EnrolmentPeriod]] = [:]
                try tx.enrolments.forEachByPerson { row in byPerson[row.personID, default: []].append(row.period) }
                return try byPerson.keys.sorted().compactMap { pid in
                    guard sync.mismatch(in: byPerson[pid]!, horizon: horizon) != nil else { return nil }
                    return try tx.persons.find(id: pid)?.citizen.masked ?? "person:\(pid)"
                }
            }
            guard !found.isEmpty else { return StoreCheckLine(.schemes, true, []) }
            return StoreCheckLine(.schemes, false, [.text(String(found.count)), .text(Self.shortList(found))])
        } catch let e as UserFacingError {
            return StoreCheckLine(.schemes, false, [.text("-"), .message(e.message)])
        } catch {
            return StoreCheckLine(.schemes, false, [.text("-"), .text(Store.describe(error))])
        }
    }

    /// The ledger rebuilt from its entries and the counter's records (`fund check`).
    private func ledger() -> StoreCheckLine {
        do {
            let lines = try FundService(ctx).check()
            let bad = lines.filter { !$0.ok }
            guard let first = bad.first else { return StoreCheckLine(.ledger, true, [.text(String(lines.count))]) }
            return StoreCheckLine(.ledger, false, [.text(String(bad.count)), .message(first.message)])
        } catch let e as UserFacingError {
            return StoreCheckLine(.ledger, false, [.text("-"), .message(e.message)])
        } catch {
            return StoreCheckLine(.ledger, false, [.text("-"), .text(Store.describe(error))])
        }
    }

    /// The first few of a list, and how many more (a check's line stays one line).
    static func shortList(_ items: [String], first n: Int = 3) -> String {
        items.count <= n ? items.joined(separator: "; ") : items.prefix(n).joined(separator: "; ") + "; … (+\(items.count - n))"
    }
}
