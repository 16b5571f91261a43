import Testing
@testable import OneWindowCore

@Suite("统一征缴: ContributionCalculator")
struct ContributionCalculatorTests {
    let rules = testRules() // employer medical 6 %, maternity 0.8 %, individual 2 %, flexible 8 %, retiree 0, unemployed 8 %
    let month = ym(2026, 1)

    func employee(base: Money = Money(yuan: 8000), unifiedFrom: YearMonth? = ym(2020, 1), employer: CreditCode? = Employers.a,
                  hasMaternity: Bool = true) -> ContributionSubject {
        ContributionSubject(person: People.standardExample, category: .employee, employer: employer,
                            employerUnifiedFrom: unifiedFrom, declaredBase: base, hasMaternity: hasMaternity, region: "shenyang")
    }

    func subject(_ category: PersonCategory, base: Money = Money(yuan: 8000)) -> ContributionSubject {
        ContributionSubject(person: People.standardExample, category: category, employer: nil, employerUnifiedFrom: nil,
                            declaredBase: base, hasMaternity: category == .flexible, region: "tianjin")
    }

    @Test("国办发〔2019〕10号: a unified employer pays one item at medical + maternity rate, with the maternity share split out")
    func unifiedEmployer() {
        let lines = ContributionCalculator.lines(for: employee(), month: month, rules: rules)
        let base = Money(yuan: 8000)
        #expect(lines == [
            ContributionLine(item: .employerUnified, payer: .employer(Employers.a), base: base, rate: Rate(basisPoints: 680),
                             amount: Money(fen: 54_400), maternityShare: Money(fen: 6_400)),
            ContributionLine(item: .individualMedical, payer: .employer(Employers.a), base: base, rate: Rate(basisPoints: 200),
                             amount: Money(fen: 16_000), maternityShare: .zero),
        ])
        #expect(!lines.contains { $0.item == .employerMedical || $0.item == .employerMaternity })
    }

    @Test("Shantou transition: an employer not yet unified pays medical and maternity through the two old channels")
    func notYetUnified() {
        let lines = ContributionCalculator.lines(for: employee(unifiedFrom: nil), month: month, rules: rules)
        #expect(lines.map(\.item) == [.employerMedical, .employerMaternity, .individualMedical])
        #expect(lines.map(\.rate) == [Rate(basisPoints: 600), Rate(basisPoints: 80), Rate(basisPoints: 200)])
        #expect(lines.map(\.amount) == [Money(fen: 48_000), Money(fen: 6_400), Money(fen: 16_000)])
        #expect(lines.map(\.maternityShare) == [.zero, Money(fen: 6_400), .zero])
        #expect(lines.allSatisfy { $0.payer == .employer(Employers.a) })
    }

    @Test("Shantou transition: unified from a later month still pays the old channels this month; from this month, unified",
          arguments: [(ym(2026, 2), false), (ym(2027, 1), false), (ym(2026, 1), true), (ym(2025, 12), true)])
    func unifiedFromIsDated(_ unifiedFrom: YearMonth, _ unified: Bool) {
        let items = ContributionCalculator.lines(for: employee(unifiedFrom: unifiedFrom), month: month, rules: rules).map(\.item)
        #expect(items == (unified ? [.employerUnified, .individualMedical] : [.employerMedical, .employerMaternity, .individualMedical]))
    }

    @Test("国办发〔2019〕10号: the person pays only the individual medical rate, never a maternity share",
          arguments: [Optional(ym(2020, 1)), nil])
    func individualHasNoMaternity(_ unifiedFrom: YearMonth?) throws {
        let lines = ContributionCalculator.lines(for: employee(unifiedFrom: unifiedFrom), month: month, rules: rules)
        let individual = try #require(lines.first { $0.item == .individualMedical })
        #expect(individual.rate == rules.individualMedicalRate.value)
        #expect(individual.maternityShare == .zero)
        #expect(lines.filter { $0.item == .individualMedical }.count == 1)
    }

    @Test("domain: base = declared base clamped to the region's floor and cap",
          arguments: [(Money(yuan: 3000), Money(yuan: 4000)), (Money(yuan: 25_000), Money(yuan: 20_000)),
                      (Money(yuan: 8000), Money(yuan: 8000)), (Money(yuan: 4000), Money(yuan: 4000)),
                      (Money(yuan: 20_000), Money(yuan: 20_000)), (.zero, Money(yuan: 4000))])
    func baseClamped(_ declared: Money, _ base: Money) {
        for s in [employee(base: declared), employee(base: declared, unifiedFrom: nil), subject(.flexible, base: declared),
                  subject(.unemployed, base: declared)] {
            let lines = ContributionCalculator.lines(for: s, month: month, rules: rules)
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0.base == base })
            #expect(lines.allSatisfy { $0.amount == base.applying($0.rate) })
        }
    }

    @Test("统一征缴: each line is rounded half up on its own (8001 元 × 6.8 % = 544.068 → 544.07; maternity 64.008 → 64.01)")
    func halfFenRounding() {
        let lines = ContributionCalculator.lines(for: employee(base: Money(yuan: 8001)), month: month, rules: rules)
        #expect(lines[0].amount == Money(fen: 54_407))
        #expect(lines[0].maternityShare == Money(fen: 6_401))
        // 8001 元 × 6.5 % = 520.065 → 520.07: exact half fen goes up.
        let r = testRules(employerMedical: 570, maternity: 80)
        let half = ContributionCalculator.lines(for: employee(base: Money(yuan: 8001)), month: month, rules: r)
        #expect(half[0].rate == Rate(basisPoints: 650))
        #expect(half[0].amount == Money(fen: 52_007))
    }

    @Test("domain: flexible workers pay alone at their own original rate, even when in maternity")
    func flexible() {
        let lines = ContributionCalculator.lines(for: subject(.flexible), month: month, rules: rules)
        #expect(lines == [ContributionLine(item: .flexible, payer: .person(People.standardExample), base: Money(yuan: 8000),
                                           rate: Rate(basisPoints: 800), amount: Money(fen: 64_000), maternityShare: .zero)])
    }

    @Test("domain: retirees contribute nothing at a zero rate (no line); at a set rate they pay themselves")
    func retiree() {
        #expect(ContributionCalculator.lines(for: subject(.retiree), month: month, rules: rules).isEmpty)
        let lines = ContributionCalculator.lines(for: subject(.retiree), month: month, rules: testRules(retiree: 100))
        #expect(lines.map(\.item) == [.retiree])
        #expect(lines.map(\.payer) == [.person(People.standardExample)])
        #expect(lines.map(\.amount) == [Money(fen: 8_000)])
    }

    @Test("社会保险法: unemployment-benefit recipients' contributions are paid by the unemployment fund of their region")
    func unemployed() {
        let lines = ContributionCalculator.lines(for: subject(.unemployed), month: month, rules: rules)
        #expect(lines == [ContributionLine(item: .unemploymentFund, payer: .unemploymentFund(region: "tianjin"),
                                           base: Money(yuan: 8000), rate: Rate(basisPoints: 800), amount: Money(fen: 64_000),
                                           maternityShare: .zero)])
    }

    @Test("zero-rate lines are not written")
    func zeroRatesOmitted() {
        let noIndividual = testRules(individual: 0)
        #expect(ContributionCalculator.lines(for: employee(), month: month, rules: noIndividual).map(\.item) == [.employerUnified])
        let noMaternity = testRules(maternity: 0)
        #expect(ContributionCalculator.lines(for: employee(unifiedFrom: nil), month: month, rules: noMaternity).map(\.item)
                == [.employerMedical, .individualMedical])
        let unified = ContributionCalculator.lines(for: employee(), month: month, rules: noMaternity)
        #expect(unified.first?.maternityShare == .zero && unified.first?.rate == Rate(basisPoints: 600))
        #expect(ContributionCalculator.lines(for: subject(.flexible), month: month, rules: testRules(flexible: 0)).isEmpty)
        #expect(ContributionCalculator.lines(for: subject(.unemployed), month: month, rules: testRules(unemployed: 0)).isEmpty)
        let nothing = testRules(employerMedical: 0, maternity: 0, individual: 0)
        #expect(ContributionCalculator.lines(for: employee(), month: month, rules: nothing).isEmpty)
    }

    @Test("the maternity share of a unified item equals what the old maternity channel would have charged")
    func shareMatchesOldChannel() {
        for yuan: Int64 in [4000, 5555, 8001, 12_345, 20_000] {
            let unified = ContributionCalculator.lines(for: employee(base: Money(yuan: yuan)), month: month, rules: rules)
            let old = ContributionCalculator.lines(for: employee(base: Money(yuan: yuan), unifiedFrom: nil), month: month, rules: rules)
            let oldMaternity = old.first { $0.item == .employerMaternity }
            #expect(unified[0].maternityShare == oldMaternity?.amount, "base \(yuan)")
            #expect(unified[0].maternityShare <= unified[0].amount)
        }
    }

    @Test("an employee without maternity (legacy) pays no maternity rate in either state")
    func employeeWithoutMaternity() {
        let unified = ContributionCalculator.lines(for: employee(hasMaternity: false), month: month, rules: rules)
        #expect(unified.map(\.rate) == [Rate(basisPoints: 600), Rate(basisPoints: 200)])
        #expect(unified.allSatisfy { $0.maternityShare == .zero })
        let old = ContributionCalculator.lines(for: employee(unifiedFrom: nil, hasMaternity: false), month: month, rules: rules)
        #expect(old.map(\.item) == [.employerMedical, .individualMedical])
    }

    @Test("an employee line needs an employer to bill: none without one")
    func employeeWithoutEmployer() {
        #expect(ContributionCalculator.lines(for: employee(employer: nil), month: month, rules: rules).isEmpty)
    }

    @Test("a re-run of a month gives the same lines")
    func deterministic() {
        let s = employee(base: Money(fen: 777_777))
        #expect(ContributionCalculator.lines(for: s, month: month, rules: rules)
                == ContributionCalculator.lines(for: s, month: month, rules: rules))
    }

    @Test("payer accounts round-trip through their stored form",
          arguments: [PayerAccount.employer(Employers.a), .person(People.standardExample), .unemploymentFund(region: "tianjin")])
    func payerStoredForm(_ payer: PayerAccount) {
        #expect(PayerAccount(stored: payer.description) == payer)
    }

    @Test("unknown stored payer forms are refused", arguments: ["", "employer", "bank:123", "nobody:x"])
    func payerStoredFormBad(_ text: String) {
        #expect(PayerAccount(stored: text) == nil)
    }
}
