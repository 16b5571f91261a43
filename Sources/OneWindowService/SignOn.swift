import Foundation
import OneWindowCore
import OneWindowStore

extension StoreSetup {
    /// Checks the password and returns the services' context. Every failure is audited and counted; after
    /// `SignOnLock.freeTries` in a row the operator is locked for a growing delay, and while locked even the
    /// right password is refused (audited as well). A name that could not be an operator's (too long, control
    /// characters, a citizen ID) is recorded as "-", never as typed.
    public static func signOn(store: Store, name: String, password: String, clock: Clock = Clock()) throws -> ServiceContext {
        let mode = StoreMode(rawValue: try store.meta("mode") ?? "live") ?? .live
        let found = OperatorName.isValid(name) ? try store.read { tx in try tx.operators.find(name: name) } : nil
        let now = clock.now()
        if let op = found, let until = op.lockedUntil.flatMap(AuditClock.date), until > now {
            if !store.readOnly { try store.write(operator: op.name) { _, audit in
                audit.append(AuditEntry(action: "signon.locked", entity: "operator:\(op.name)", after: AuditEntry.json(["until": op.lockedUntil!])))
            } }
            throw DomainError("error.signon.locked", texts: beijingTime(until))
        }
        guard var op = found, !op.disabled, PasswordHasher.verify(password, against: op.passwordHash) else {
            // A read-only copy (an inspection) cannot record anything: the failure is refused all the same.
            let shown = OperatorName.isValid(name) ? name : "-"
            var lockedUntil: Date?
            if !store.readOnly { try store.write(operator: shown) { tx, audit in
                audit.append(AuditEntry(action: "signon.failed", entity: "operator:\(shown)"))
                guard var known = try tx.operators.find(name: shown) else { return }
                let before = known.lockState
                known.failedSignOns += 1
                if let minutes = SignOnLock.minutes(afterFailures: known.failedSignOns) {
                    lockedUntil = now.addingTimeInterval(TimeInterval(minutes * 60))
                    known.lockedUntil = AuditClock.text(lockedUntil!)
                    audit.append(AuditEntry(action: "operator.lock", entity: "operator:\(shown)", before: before, after: known.lockState))
                }
                try tx.operators.update(known)
            } }
            if let lockedUntil { throw DomainError("error.signon.nowLocked", texts: String(SignOnLock.freeTries), beijingTime(lockedUntil)) }
            throw DomainError("error.signon.failed")
        }
        if (op.failedSignOns > 0 || op.lockedUntil != nil), !store.readOnly {
            try store.write(operator: op.name) { tx, audit in
                let before = op.lockState
                op.failedSignOns = 0
                op.lockedUntil = nil
                try tx.operators.update(op)
                audit.append(AuditEntry(action: "signon.reset", entity: "operator:\(op.name)", before: before, after: nil as [String: String]?))
            }
        }
        let policies = try PolicyBook.load(store: store, shipped: shippedPolicies())
        return ServiceContext(store: store, policies: policies, clock: clock,
                              session: Session(operatorName: op.name, role: op.role, storeMode: mode,
                                               agencyRegion: try store.meta("region") ?? "national"))
    }

    /// A lock's end as the clerk reads it: Beijing time, to the minute.
    static func beijingTime(_ date: Date) -> String {
        let c = Calendar.china.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }
}

extension OperatorAccount {
    /// When a lock still holding at `now` ends, in Beijing time to the minute; nil when not locked.
    public func lockedUntilText(now: Date) -> String? {
        guard let until = lockedUntil.flatMap(AuditClock.date), until > now else { return nil }
        return StoreSetup.beijingTime(until)
    }

    /// What the audit log keeps of a lock.
    var lockState: [String: String] { ["failedSignOns": String(failedSignOns), "lockedUntil": lockedUntil ?? ""] }
}
