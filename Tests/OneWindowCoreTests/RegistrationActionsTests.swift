import Foundation
import Testing
@testable import OneWindowCore

/// What a screen asks Core instead of restating it (issue 9, item 10): which registration changes apply
/// to a person, and what a computation line decides.
@Suite("Rules as values: applicable registration changes, computation line severity")
struct RegistrationActionsTests {
    let planner = RegistrationPlanner(flexibleInMaternity: { _, _ in true })

    func medical(_ category: PersonCategory, from: YearMonth = ym(2024, 1), to: YearMonth? = nil, end: EndReason? = nil) -> EnrolmentPeriod {
        EnrolmentPeriod(scheme: .medical, category: category, employer: category.needsEmployer ? Employers.a : nil,
                        region: "tianjin", from: from, to: to, endReason: end)
    }

    @Test("Enrolled: an employee may transfer, change base, retire, suspend or terminate; a flexible worker not transfer; a retiree not retire")
    func enrolled() {
        #expect(RegistrationPlanner.applicable(to: [medical(.employee)]) == [.transfer, .base, .retire, .suspend, .terminate])
        #expect(RegistrationPlanner.applicable(to: [medical(.flexible)]) == [.base, .retire, .suspend, .terminate])
        #expect(RegistrationPlanner.applicable(to: [medical(.retiree)]) == [.base, .suspend, .terminate])
    }

    @Test("Not enrolled: resume after a suspension, nothing after a termination or with no history")
    func notEnrolled() {
        #expect(RegistrationPlanner.applicable(to: [medical(.employee, to: ym(2025, 6), end: .suspended)]) == [.resume])
        #expect(RegistrationPlanner.applicable(to: [medical(.employee, to: ym(2025, 6), end: .terminated)]).isEmpty)
        #expect(RegistrationPlanner.applicable(to: []).isEmpty)
    }

    @Test("What is not offered, plan refuses with the same error; what is offered, plan accepts (a month after the start)",
          arguments: [PersonCategory.employee, .flexible, .retiree])
    func sameRuleAsPlan(category: PersonCategory) throws {
        for history in [[medical(category)], [medical(category, to: ym(2025, 6), end: .suspended)],
                        [medical(category, to: ym(2025, 6), end: .terminated)]] {
            let offered = RegistrationPlanner.applicable(to: history)
            let month = ym(2026, 1)
            let events: [(RegistrationAction, RegistrationEvent)] = [
                (.transfer, .transfer(employer: Employers.b, region: "tianjin", from: month)), (.retire, .retire(from: month)),
                (.suspend, .suspend(from: month)), (.resume, .resume(from: month)), (.terminate, .terminate(from: month)),
            ]
            for (action, event) in events {
                if offered.contains(action) {
                    #expect(throws: Never.self, "\(action) offered to \(category)") { try planner.plan(event, periods: history) }
                } else {
                    let refusal = try #require(RegistrationPlanner.refusal(action, periods: history))
                    #expect(throws: refusal, "\(action) not offered to \(category)") { try planner.plan(event, periods: history) }
                }
            }
        }
    }

    @Test("A computation line carries its severity through storage; a line stored before severity existed reads it from its verdict key")
    func severityStored() throws {
        let refused = ComputationLine(Message("out.claim.refused", [.message(Message("reason.x"))]), unit: .none, severity: .refusal)
        let data = try JSONEncoder().encode([refused, ComputationLine(Message("out.claim.eligible"), unit: .none)])
        let back = try JSONDecoder().decode([ComputationLine].self, from: data)
        #expect(back.map(\.severity) == [.refusal, .info] && back[0] == refused)
        // Rows of migration 004 have no "severity": their verdict key says what they decided.
        let old = #"""
            [{"rule":{"key":"out.claim.deferredLater","args":[]},"amount":0,"unit":"none","confirmed":true},
             {"rule":{"key":"out.claim.noBasis","args":[]},"amount":0,"unit":"none","confirmed":true},
             {"rule":{"key":"out.claim.leave","args":[]},"amount":0,"unit":"heading","confirmed":true}]
            """#
        let lines = try JSONDecoder().decode([ComputationLine].self, from: Data(old.utf8))
        #expect(lines.map(\.severity) == [.deferral, .refusal, .info])
    }
}
