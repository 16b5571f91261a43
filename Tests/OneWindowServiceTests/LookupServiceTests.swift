import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Lookups for the employer view")
struct LookupServiceTests {
    @Test("An employer's months: due and paid on its own account, outstanding, and the people charged")
    func employerMonths() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2026-09"))
        try reg.enrol(id: Fixture.wei, name: "王薇", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(9000), from: month("2026-10"))
        let contributions = ContributionService(f.clerk)
        for m in ["2026-09", "2026-10"] { _ = try contributions.run(month: month(m)) }
        let statement = try contributions.statement(.employer(Fixture.tianjinCo))
        let october = try #require(statement.first { $0.month == month("2026-10") })
        _ = try contributions.recordPayment(payer: .employer(Fixture.tianjinCo), month: month("2026-10"),
                                            amount: Money(fen: 100), paidOn: Fixture.today)

        let months = try LookupService(f.clerk).employerMonths(Fixture.tianjinCo)
        #expect(months.map(\.month) == [month("2026-09"), month("2026-10")])
        #expect(months.map(\.headCount) == [1, 2])
        #expect(months[0].due == statement[0].due && months[0].paid == .zero && months[0].outstanding == statement[0].due)
        #expect(months[1].due == october.due)
        #expect(months[1].paid == Money(fen: 100))
        #expect(months[1].outstanding == october.due - Money(fen: 100))
        // Only the employer's items are on its account: the persons' own shares are not.
        let employerItems = try contributions.lines(for: Fixture.tianjinCo)
            .filter { $0.row.payer == PayerAccount.employer(Fixture.tianjinCo).description && $0.row.month == "2026-10" }
        #expect(months[1].due.fen == employerItems.map(\.row.amountFen).reduce(0, +))
    }

    @Test("An employer with nothing charged has no months; an unknown one is refused by name of the field")
    func emptyAndUnknown() throws {
        let f = try Fixture().withEmployers()
        #expect(try LookupService(f.clerk).employerMonths(Fixture.shantouInst).isEmpty)
        #expect(try LookupService(f.clerk).employerRow(Fixture.shantouInst).name == "汕头某事业单位")
        #expect(throws: FieldError(.employer, "reason.employer.unknown", texts: Fixture.shenyangCo.value)) {
            try LookupService(f.clerk).employerMonths(Fixture.shenyangCo)
        }
        #expect(throws: FieldError(.employer, "reason.employer.unknown", texts: Fixture.shenyangCo.value)) {
            try LookupService(f.clerk).employerRow(Fixture.shenyangCo)
        }
    }
}
