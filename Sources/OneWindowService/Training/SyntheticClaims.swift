import Foundation
import OneWindowCore
import OneWindowStore

/// The sandbox's maternity claims, filed through the counter's own claim and payment services, day by
/// day over the last months (each step on its own date, by two synthetic colleagues, so four eyes hold):
/// births claimed, approved and paid; some approved and waiting for the next payment run; a queue of
/// submitted claims, some flagged; and one payment the bank returned. The exercises' claim subjects are
/// planted here too.
extension SyntheticPopulation {
    /// The colleagues who filed and decided the past claims. They cannot sign on: their work is history.
    static let staffClerk = "wang.fang"
    static let staffSupervisor = "zhou.min"

    /// Why a bank returns a payment, as its notice says it; the exercise's answers are keyed by these.
    static let bankReturns: [(key: String, notice: String)] = [
        ("accountClosed", "收款账户已销户"),
        ("nameMismatch", "户名与账号不符"),
        ("noSuchAccount", "账号不存在"),
    ]

    enum Step {
        case submit(ClaimSpec)
        case approve(ClaimSpec)
        case run(returned: [ClaimSpec])

        var order: Int {
            switch self {
            case .submit: 0
            case .approve: 1
            case .run: 2
            }
        }
    }

    /// One claim of the story: who, which birth, and what happens to it when.
    final class ClaimSpec {
        let mother: SyntheticPerson
        let event: MaternityEvent
        let bills: [MedicalBill]
        let account: BankAccount
        let submitted: CalendarDate
        let approved: CalendarDate?
        var claimIDs: [Int64] = []
        var receipt: ReceiptNumber?

        init(mother: SyntheticPerson, event: MaternityEvent, bills: [MedicalBill], account: BankAccount,
             submitted: CalendarDate, approved: CalendarDate?) {
            (self.mother, self.event, self.bills, self.account, self.submitted, self.approved) =
                (mother, event, bills, account, submitted, approved)
        }
    }

    func writeClaims(_ tracker: CastTracker, employers: EmployerIndex) throws -> [CastMember] {
        var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.claims.rawValue, index: 0)
        let today = ctx.clock.today
        var mothers = tracker.mothers
        guard mothers.count >= 8 else { return [] }
        func nextMother() -> SyntheticPerson { mothers.remove(at: rng.below(mothers.count)) }
        func birth(_ mother: SyntheticPerson, on date: CalendarDate, babies: Int = 1, delivery: DeliveryType? = nil,
                   dystocia: Bool = false) throws -> MaternityEvent {
            let type = delivery ?? rng.weighted([(DeliveryType.natural, 55), (.caesarean, 35), (.assisted, 10)])
            let gestation = try Gestation(start: date.adding(days: -(babies > 1 ? 255 : 266) - rng.below(14)), end: date)
            return try MaternityEvent(date: date, birth: Birth(babies: babies, delivery: type, dystocia: dystocia, gestation: gestation))
        }
        func deliveryBill(_ mother: SyntheticPerson, _ event: MaternityEvent) throws -> MedicalBill {
            let type = event.birth!.delivery
            let yuan = type.isCaesarean ? rng.within(6_000...12_000) : rng.within(2_800...6_000)
            let district = rng.pick(mother.region.districts).name
            return try MedicalBill(item: .delivery(type), hospital: mother.region.city + "市" + district + "妇幼保健院",
                                   billNo: "ZY" + String(event.date.year) + String(format: "%06d", rng.below(1_000_000)),
                                   actual: Money(yuan: Int64(yuan)))
        }
        func spec(_ mother: SyntheticPerson, daysAgo: ClosedRange<Int>, submitAfter: ClosedRange<Int>,
                  approveAfter: ClosedRange<Int>?, bill: Bool = true) throws -> ClaimSpec {
            let event = try birth(mother, on: today.adding(days: -rng.within(daysAgo)))
            let submitted = min(today, event.date.adding(days: rng.within(submitAfter)))
            let approved = approveAfter.map { min(today, submitted.adding(days: rng.within($0))) }
            return ClaimSpec(mother: mother, event: event, bills: bill ? [try deliveryBill(mother, event)] : [],
                             account: Self.bankAccount(&rng), submitted: submitted, approved: approved)
        }

        // Paid a while ago; one of them will be claimed a second time (the flagged duplicate).
        var paid: [ClaimSpec] = []
        for _ in 0..<8 { paid.append(try spec(nextMother(), daysAgo: 70...300, submitAfter: 10...40, approveAfter: 2...7)) }
        // Approved after the last payment run (three days ago): waiting for the next one.
        var waiting: [ClaimSpec] = []
        for _ in 0..<3 {
            let mother = nextMother()
            let approved = today.adding(days: -rng.within(0...2))
            let submitted = approved.adding(days: -rng.within(3...10))
            let event = try birth(mother, on: submitted.adding(days: -rng.within(10...20)))
            waiting.append(ClaimSpec(mother: mother, event: event, bills: [try deliveryBill(mother, event)],
                                     account: Self.bankAccount(&rng), submitted: submitted, approved: approved))
        }
        // The queue: submitted, not decided.
        var queue: [ClaimSpec] = []
        for _ in 0..<4 { queue.append(try spec(nextMother(), daysAgo: 8...30, submitAfter: 3...10, approveAfter: nil)) }
        // The duplicate: the same birth of a paid mother, a few days off, filed again at another visit.
        let first = paid[rng.below(paid.count)]
        let duplicate = ClaimSpec(mother: first.mother,
                                  event: try birth(first.mother, on: first.event.date.adding(days: 3 + rng.below(5)),
                                                   delivery: first.event.birth!.delivery),
                                  bills: [], account: Self.bankAccount(&rng),
                                  submitted: today.adding(days: -rng.within(1...5)), approved: nil)
        queue.append(duplicate)
        // Enrolled shortly before the birth: flagged too, though nothing is wrong with it.
        if let newcomer = tracker.newMothers.first {
            queue.append(try spec(newcomer, daysAgo: 5...15, submitAfter: 2...4, approveAfter: nil, bill: false))
        }
        // The payment the bank returned.
        let returnedSpec = try spec(nextMother(), daysAgo: 60...90, submitAfter: 8...12, approveAfter: 3...5, bill: false)
        let bankReturn = rng.pick(Self.bankReturns)

        // Every step on its day, oldest first; a payment run a few days after each approval of a paid claim.
        var steps: [(CalendarDate, Step)] = []
        for s in paid + waiting + queue + [returnedSpec] {
            steps.append((s.submitted, .submit(s)))
            if let a = s.approved { steps.append((a, .approve(s))) }
        }
        let lastRun = today.adding(days: -3)
        for s in paid + [returnedSpec] {
            let run = min(lastRun, s.approved!.adding(days: rng.within(3...8)))
            steps.append((run, .run(returned: s === returnedSpec ? [s] : [])))
        }
        // Waiting claims are approved after the last run.
        steps.sort { ($0.0, $0.1.order) < ($1.0, $1.1.order) }

        let policies = ctx.policies
        func context(_ name: String, _ role: Role, on date: CalendarDate) -> ServiceContext {
            ServiceContext(store: ctx.store, policies: policies, clock: .fixed(date),
                           session: Session(operatorName: name, role: role, storeMode: .training, agencyRegion: Sandbox.region))
        }
        try addStaff()
        for (date, step) in steps {
            switch step {
            case .submit(let s):
                let request = ClaimRequest(claimant: s.mother.id, event: s.event, allowance: true, bills: s.bills,
                                           account: s.account, referNewborns: !s.bills.isEmpty)
                // The story's duplicate is filed knowingly (the guard would refuse it): the exercise is to catch it.
                let receipt = try ClaimService(context(Self.staffClerk, .clerk, on: date)).submit(request, allowDuplicate: s === duplicate)
                s.receipt = receipt.receipt.receiptNo
                s.claimIDs = receipt.claims.compactMap(\.claim.id)
            case .approve(let s):
                for id in s.claimIDs { try ClaimService(context(Self.staffSupervisor, .supervisor, on: date)).approve(id) }
            case .run(let returned):
                let orders = try ctx.store.read { tx in
                    try returned.flatMap { s in try tx.paymentOrders.of(claimIDs: s.claimIDs).compactMap(\.id) }
                }
                _ = try PaymentService(context(Self.staffSupervisor, .supervisor, on: date))
                    .run(returned: Dictionary(uniqueKeysWithValues: orders.map { ($0, bankReturn.notice) }))
            }
        }

        var cast: [CastMember] = []
        // The twins: a mother who has not claimed yet, delivered a few days ago.
        if let mother = mothers.first {
            let event = try birth(mother, on: today.adding(days: -rng.within(4...12)), babies: 2, delivery: .natural, dystocia: true)
            let employer = employers.byCode[mother.openMedical!.employer!.value]
            cast.append(CastMember(role: .twinBirth, citizenID: mother.id.value, name: mother.name, employer: employer?.code.value,
                                   employerName: employer?.name, target: nil, targetName: nil, month: event.date.yearMonth,
                                   baseFen: nil, date: event.date, pregnancyStart: event.birth!.gestation.start,
                                   account: Self.bankAccount(&rng).value))
        }
        cast.append(CastMember(role: .flaggedClaim, citizenID: duplicate.mother.id.value, name: duplicate.mother.name,
                               employer: nil, employerName: nil, target: nil, targetName: nil, month: duplicate.event.date.yearMonth,
                               baseFen: nil, date: duplicate.event.date, claimID: duplicate.claimIDs.first,
                               receipt: duplicate.receipt?.value, earlierReceipt: first.receipt?.value, earlierDate: first.event.date))
        cast.append(CastMember(role: .failedPayment, citizenID: returnedSpec.mother.id.value, name: returnedSpec.mother.name,
                               employer: nil, employerName: nil, target: nil, targetName: nil,
                               month: returnedSpec.event.date.yearMonth, baseFen: nil, date: returnedSpec.event.date,
                               claimID: returnedSpec.claimIDs.first, receipt: returnedSpec.receipt?.value, answer: bankReturn.key))
        return cast
    }

    /// The two colleagues, as disabled accounts that can never sign on (their password hash is no hash).
    func addStaff() throws {
        try ctx.write { tx, audit in
            for (name, role) in [(Self.staffClerk, Role.clerk), (Self.staffSupervisor, .supervisor)] {
                var row = OperatorAccount(name: name, role: role, passwordHash: "-")
                row.disabled = true
                try tx.operators.insert(&row)
                audit.append(AuditEntry(action: "operator.add", entity: "operator:\(name)", before: nil as String?, after: row.audited))
            }
        }
    }

    /// A 19-digit bank card number: an issuer prefix of a big bank, random digits, the Luhn check digit.
    static func bankAccount(_ rng: inout SplitMix64) -> BankAccount {
        var digits = rng.pick(["622202", "622848", "621700", "622588", "621226"]).map { Int(String($0))! }
        while digits.count < 18 { digits.append(rng.below(10)) }
        let sum = digits.reversed().enumerated().reduce(0) { total, pair in
            let d = pair.offset % 2 == 0 ? pair.element * 2 : pair.element
            return total + (d > 9 ? d - 9 : d)
        }
        digits.append((10 - sum % 10) % 10)
        return try! BankAccount(digits.map(String.init).joined())
    }
}
