import OneWindowCore
import OneWindowService

extension Fixture {
    /// Lina, employee of `employer` from `from`, charged and paid every month to `through` (the employer pays).
    func paidUp(_ id: CitizenID = Fixture.lina, name: String = "李娜", employer: CreditCode = Fixture.tianjinCo,
                base: Money = Money(yuan: 8000), from: String = "2025-01", through: String = "2026-10",
                clock: Clock? = nil, enrol: Bool = true) throws {
        let ctx = clock.map { context(.clerk, clock: $0) } ?? clerk
        if enrol {
            try RegistrationService(ctx).enrol(id: id, name: name, category: .employee, employer: employer, base: base, from: month(from))
        }
        let c = ContributionService(ctx)
        for m in month(from)...month(through) {
            _ = try c.run(month: m)
            let due = try c.statement(.employer(employer)).first { $0.month == m }!.outstanding
            if due > .zero { _ = try c.recordPayment(payer: .employer(employer), month: m, amount: due, paidOn: Fixture.today) }
        }
    }

    static func birth(_ date: String, babies: Int = 1, delivery: DeliveryType = .natural, dystocia: Bool = false) throws -> MaternityEvent {
        let d = try CalendarDate.parse(date)
        return try MaternityEvent(date: d, birth: Birth(babies: babies, delivery: delivery, dystocia: dystocia,
                                                        gestation: Gestation(start: d.adding(months: -9), end: d)))
    }
}
