import OneWindowCore
import OneWindowStore

/// The merged fund's books: posting what the counter recorded, totals from other systems, the old
/// maternity fund's transfer, reversals and closing a month. Reports are in `FundService+Overview`.
public struct FundService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Posts everything recorded and not yet posted, in bounded transactions (a store that had data
    /// before its ledger, or a generated one); returns the entries posted. Nothing is written when
    /// nothing waits, nor on a read-only copy.
    @discardableResult
    public func catchUp() throws -> Int {
        try ctx.require(.viewFund)
        guard !ctx.store.readOnly else { return 0 }
        var total = 0
        while try ctx.store.read({ tx in try LedgerFeed(tx, ctx).hasPending() }) {
            total += try ctx.write { tx, audit in try LedgerFeed(tx, ctx).postStep(&audit).count }
            ctx.store.letWaitingWritersIn()
        }
        return total
    }

    /// A monthly total from another system (other medical expenditure, interest) with its document.
    /// The same document for the same month and item is refused while its entry stands (a retry cannot
    /// post twice); after a reversal it may be entered again.
    public func enter(_ item: EnteredItem, month: YearMonth, amount: Money, document: String) throws -> LedgerEntry {
        try ctx.require(.manageFund)
        let document = try FreeText.validated(document, field: .document)
        guard amount > .zero else { throw FieldError(.amount, "reason.money.zero") }
        return try ctx.write { tx, audit in
            try openMonth(month, tx)
            let base = "\(item.rawValue)/\(month)/\(document)"
            var ref = base
            var n = 1
            while let existing = try tx.ledger.entry(.enteredTotal, ref: ref) {
                guard try tx.ledger.reversal(of: existing.id) != nil else {
                    throw FieldError(.document, "reason.ledger.entered", texts: String(existing.id))
                }
                n += 1
                ref = "\(base)#\(n)"
            }
            let id = try LedgerFeed(tx, ctx).post(month, .enteredTotal, ref: ref, try item.lines(amount),
                                                  memo: item.rawValue, document: document)
            return try logged(id, action: "ledger.enter", tx, &audit)
        }
    }

    /// The merged fund's balance when its books start here (期初结存), once, with its document.
    public func setOpening(month: YearMonth, amount: Money, document: String) throws -> LedgerEntry {
        try ctx.require(.manageFund)
        let document = try FreeText.validated(document, field: .document)
        guard amount > .zero else { throw FieldError(.amount, "reason.money.zero") }
        return try ctx.write { tx, audit in
            if let done = try tx.ledger.entry(.opening, ref: "once") {
                throw DomainError("error.ledger.openingDone", texts: String(done.id), done.period.description)
            }
            try openMonth(month, tx)
            let id = try LedgerFeed(tx, ctx).post(month, .opening, ref: "once", try FundPostings.opening(amount),
                                                  memo: "opening", document: document)
            return try logged(id, action: "ledger.opening", tx, &audit)
        }
    }

    /// 清算划转: the old maternity fund's cleared balance is recorded in its books and transferred into
    /// the merged fund on `date`, once; afterwards the old fund stands at zero.
    public func transferOldFund(amount: Money, on date: CalendarDate, document: String) throws -> [LedgerEntry] {
        try ctx.require(.manageFund)
        let document = try FreeText.validated(document, field: .document)
        guard amount > .zero else { throw FieldError(.amount, "reason.money.zero") }
        guard date <= ctx.clock.today else { throw FieldError(.date, "reason.date.future", texts: date.description) }
        return try ctx.write { tx, audit in
            if let done = try tx.ledger.entry(.oldFundTransfer, ref: "cleared") {
                throw DomainError("error.ledger.transferDone", texts: done.period.description, done.lines.total.grouped)
            }
            try openMonth(date.yearMonth, tx)
            let feed = LedgerFeed(tx, ctx)
            let cleared = try feed.post(date.yearMonth, .oldFundTransfer, ref: "cleared", try FundPostings.oldFundCleared(amount),
                                        memo: "old fund cleared", document: document)
            let moved = try feed.post(date.yearMonth, .oldFundTransfer, ref: "transfer", try FundPostings.oldFundTransfer(amount),
                                      memo: "old fund transferred", document: document)
            return [try logged(cleared, action: "ledger.oldFund.cleared", tx, &audit), try logged(moved, action: "ledger.oldFund.transfer", tx, &audit)]
        }
    }

    /// Reverses an entered total (typed wrong): a new entry with the sides swapped, linked to it. Entries fed
    /// from the counter are corrected at their source (a bank return reverses its payment by itself).
    public func reverse(entry id: Int64, reason: String) throws -> LedgerEntry {
        try ctx.require(.manageFund)
        let reason = try FreeText.validated(reason, field: .note)
        return try ctx.write { tx, audit in
            guard let original = try tx.ledger.entry(id: id) else { throw FieldError(.ledgerEntry, "reason.ledger.noEntry", texts: String(id)) }
            guard original.source == .enteredTotal else { throw DomainError("error.ledger.notReversible", texts: String(id)) }
            if let done = try tx.ledger.reversal(of: id) {
                throw DomainError("error.ledger.reversed", texts: String(id), String(done.id))
            }
            let rid = try LedgerFeed(tx, ctx).post(original.period, .reversal, ref: String(id), original.lines.reversed,
                                                   memo: reason, document: original.document, reversalOf: id)
            return try logged(rid, action: "ledger.reverse", tx, &audit)
        }
    }

    /// Entries of a month (every month when nil), by id.
    public func entries(month: YearMonth?) throws -> [LedgerEntry] {
        try ctx.require(.viewFund)
        return try ctx.store.read { tx in try tx.ledger.entries(period: month) }
    }

    /// A supervisor's entry goes into a month that has begun and is not closed.
    private func openMonth(_ month: YearMonth, _ tx: StoreTx) throws {
        guard month <= ctx.clock.currentMonth else { throw FieldError(.month, "reason.month.future", texts: month.description) }
        if try tx.ledger.isClosed(month) || (try tx.ledger.lastClosed()).map({ month <= $0 }) == true {
            throw FieldError(.month, "reason.ledger.closed", texts: month.description)
        }
    }

    private func logged(_ id: Int64, action: String, _ tx: StoreTx, _ audit: inout [AuditEntry]) throws -> LedgerEntry {
        let entry = try tx.ledger.entry(id: id)!
        audit.append(AuditEntry(action: action, entity: "ledger:\(id)", before: nil as String?, after: entry.audited))
        return entry
    }
}

extension LedgerEntry {
    /// What the audit row keeps of an entry.
    var audited: [String: String] {
        var fields = ["period": period.description, "source": source.rawValue, "ref": ref, "memo": memo,
                      "lines": lines.postings.map { "\($0.account.rawValue) \($0.debit.fen)/\($0.credit.fen)" }.joined(separator: "; ")]
        if let document { fields["document"] = document }
        if let reversalOf { fields["reversalOf"] = String(reversalOf) }
        return fields
    }
}
