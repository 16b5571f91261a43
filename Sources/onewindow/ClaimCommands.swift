import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Maternity benefit claims: estimate, submit (with the receipt), look up, decide (four eyes).",
        subcommands: [Estimate.self, Submit.self, Show.self, Queue.self, Approve.self, Reject.self, Return.self,
                      Resubmit.self, Cancel.self])

    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a person would get: leave days, allowance and medical costs, with the rule behind each line (no claim is created).")
        @OptionGroup var common: CommonOptions
        @Option(help: "Citizen ID of the insured person.") var id: String
        @OptionGroup var event: EventOptions
        @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A bill to reimburse (repeatable): ITEM=YUAN, or ITEM=YUAN@HOSPITAL#BILLNO as for submit. ITEM: prenatal, delivery (the event's delivery type), miscarriage or an operation.",
                                   valueName: "bill"))
        var bill: [String] = []
        @Flag(help: "The hospital is grade 3 (三级): the region's co-pay applies.") var grade3 = false
        @Option(help: "For an unemployed spouse: the insured employee's citizen ID (then --id is the spouse).") var spouseOf: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let today = ctx.clock.today
                let id = try Parse.id(id, today: today)
                let event = try event.event()
                let items = try bill.map { spec in
                    let b = try BillSpec(spec, delivery: event.birth?.delivery, source: false)
                    return (b.item, b.amount)
                }
                let e = try BenefitService(ctx).estimate(id, event: event, items: items, grade3Hospital: grade3,
                                                         spouseOf: try spouseOf.map { try Parse.id($0, today: today) })
                let s = common.strings
                if json { Output.json(EstimateJSON(e, s)); return }
                let regionName = (try? ctx.policies.policy(e.region)).map(s.name(of:)) ?? e.region
                print(EstimateText.render(e, s, regionName: regionName))
            }
        }
    }
}

/// The estimate as a clerk reads it: one line per rule, unconfirmed sample figures marked.
enum EstimateText {
    static func render(_ e: BenefitService.Estimate, _ s: StringTable, regionName: String) -> String {
        let header = s("out.claim.header", e.person.name, e.person.citizen.masked, s(e.category.messageKey), regionName)
        return ([header] + ClaimDetailText.computation(e.allowanceComputation + e.medicalComputation, s, indent: 0)).joined(separator: "\n")
    }
}

struct EstimateJSON: Encodable {
    struct Line: Encodable { let rule: String; let amount: Int64; let confirmed: Bool }
    struct Medical: Encodable { let item: String; let actualFen, standardFen, paidFen: Int64 }
    let citizenID, category, region, verdict: String
    let payableFrom: String?
    let leaveDays, allowanceDays, continuousMonths, requiredMonths: Int
    let leave: [Line]
    let basisFen, allowanceFen: Int64?
    let medical: [Medical]
    let medicalTotalFen: Int64

    init(_ e: BenefitService.Estimate, _ s: StringTable) {
        citizenID = e.person.citizen.masked
        category = e.category.rawValue
        region = e.region
        switch e.eligibility.verdict {
        case .eligible: (verdict, payableFrom) = ("eligible", nil)
        case .deferred(let m): (verdict, payableFrom) = ("deferred", m?.description)
        case .refused: (verdict, payableFrom) = ("refused", nil)
        }
        leaveDays = e.leave.leaveDays
        allowanceDays = e.leave.allowanceDays
        continuousMonths = e.eligibility.continuousMonths
        requiredMonths = e.eligibility.requiredMonths
        leave = e.leave.lines.map { Line(rule: s.render($0.rule), amount: $0.amount, confirmed: $0.confirmed) }
        basisFen = e.basis?.monthlyWage.fen
        allowanceFen = e.allowance?.fen
        medical = e.medical.map { Medical(item: $0.item.code, actualFen: $0.actual.fen, standardFen: $0.standard.fen, paidFen: $0.paid.fen) }
        medicalTotalFen = e.medicalTotal.fen
    }
}

struct SettlementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlements", abstract: "Direct-settlement lists from designated hospitals.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV: hospital,billNo,citizenID,settledOn,amountYuan (header line first, or 医院,票据号,身份证号码,结算日期,金额（元）).",
            discussion: "Every line is checked first; a bad line (its line in the file, the field, the reason) refuses the whole file (exit 2) unless --partial.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (UTF-8).") var file: String
        @Flag(help: "Import the good lines and list the bad ones, instead of refusing the file.") var partial = false
        @Flag(name: .customLong("known-persons-only"), help: "Refuse a citizen ID that is not registered here.") var knownPersonsOnly = false
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                guard let data = FileManager.default.contents(atPath: file) else { throw DomainError("error.file.unreadable", texts: file) }
                let result = try BenefitService(ctx).importSettlements(csv: try CSVFile.text(data, field: .settlementFile),
                                                                       partial: partial, knownPersonsOnly: knownPersonsOnly)
                common.say("out.settlements.imported", String(result.inserted), String(result.alreadyKnown))
                if !result.rejected.isEmpty {
                    common.say("out.settlements.rejected", String(result.rejected.count))
                    for e in result.rejected { print("  " + common.strings.render(e.message)) }
                }
            }
        }
    }
}
