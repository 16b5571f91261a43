import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim", abstract: "Maternity benefits: estimate what a person would get (no claim is created).",
        subcommands: [Estimate.self])

    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave days, allowance and medical costs for an event, with the rule behind each line.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Citizen ID of the insured person.") var id: String
        @Option(help: "Date of the birth, miscarriage or operation, YYYY-MM-DD.") var date: String
        @Option(help: "natural | assisted | caesarean | caesareanWithOperation (a birth).") var delivery: String?
        @Option(help: "Number of babies (a birth).") var babies = 1
        @Flag(help: "Dystocia certified by the hospital.") var dystocia = false
        @Flag(help: "The pregnancy ended early (miscarriage or induced labour).") var miscarriage = false
        @Option(help: "First day of the pregnancy (末次月经), YYYY-MM-DD; for a birth, default 280 days before.") var pregnancyStart: String?
        @Option(help: "Family-planning operation (repeatable): iudInsertion | iudRemoval | tubalLigation | vasectomy | recanalisation.")
        var operation: [String] = []
        @Option(help: "A bill to reimburse (repeatable): ITEM=YUAN, ITEM one of prenatal, delivery, miscarriage or an operation.")
        var bill: [String] = []
        @Flag(help: "The hospital is grade 3 (三级): the region's co-pay applies.") var grade3 = false
        @Option(help: "For an unemployed spouse: the insured employee's citizen ID (then --id is the spouse).") var spouseOf: String?
        @Flag var json = false

        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let today = ctx.clock.today
                let id = try Parse.id(id, today: today)
                let date = try Parse.date(date)
                let start = try pregnancyStart.map(Parse.date)
                var birth: Birth?
                if let delivery {
                    let type: DeliveryType = try Parse.choice(delivery, .delivery)
                    let gestation = try Gestation(start: start ?? date.adding(days: -280), end: date)
                    birth = Birth(babies: babies, delivery: type, dystocia: dystocia, gestation: gestation)
                }
                let ended = try miscarriage ? Gestation(start: start ?? { throw FieldError(.gestationStart, "reason.required") }(), end: date) : nil
                let ops: [FamilyPlanningOperation] = try operation.map { try Parse.choice($0, .operation) }
                let event = try MaternityEvent(date: date, birth: birth, miscarriage: ended, operations: ops)
                let items = try bill.map { try Self.item($0, delivery: birth?.delivery) }
                let e = try BenefitService(ctx).estimate(id, event: event, items: items, grade3Hospital: grade3,
                                                         spouseOf: try spouseOf.map { try Parse.id($0, today: today) })
                if json { Output.json(EstimateJSON(e, common.strings)); return }
                let regionName = (try? ctx.policies.policy(e.region)).map(common.strings.name(of:)) ?? e.region
                print(EstimateText.render(e, common.strings, regionName: regionName))
            }
        }

        static func item(_ text: String, delivery: DeliveryType?) throws -> (MedicalItem, Money) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw FieldError(.amount, "reason.bill.format", texts: text) }
            let amount = try Money.parseYuan(parts[1])
            switch parts[0] {
            case "prenatal": return (.prenatal, amount)
            case "delivery": return (.delivery(delivery ?? .natural), amount)
            case "miscarriage": return (.miscarriage, amount)
            default:
                guard let op = FamilyPlanningOperation(rawValue: parts[0]) else {
                    throw FieldError(.amount, "reason.bill.format", texts: text)
                }
                return (.operation(op), amount)
            }
        }
    }
}

/// The estimate as a clerk reads it: one line per rule, unconfirmed sample figures marked.
enum EstimateText {
    static func render(_ e: BenefitService.Estimate, _ s: StringTable, regionName: String) -> String {
        let header = s("out.claim.header", e.person.name, e.person.citizen.masked, s(e.category.messageKey), regionName)
        return ([header] + ClaimText.computation(e.allowanceComputation + e.medicalComputation, s)).joined(separator: "\n")
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
        medical = e.medical.map {
            let item = switch $0.item {
            case .prenatal: "prenatal"
            case .delivery(let d): "delivery." + d.rawValue
            case .miscarriage: "miscarriage"
            case .operation(let o): o.rawValue
            }
            return Medical(item: item, actualFen: $0.actual.fen, standardFen: $0.standard.fen, paidFen: $0.paid.fen)
        }
        medicalTotalFen = e.medicalTotal.fen
    }
}

struct SettlementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlements", abstract: "Direct-settlement lists from designated hospitals.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a CSV: hospital,billNo,citizenID,settledOn,amountYuan (header line first).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (UTF-8).") var file: String
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                guard let data = FileManager.default.contents(atPath: file) else { throw DomainError("error.file.unreadable", texts: file) }
                let result = try BenefitService(ctx).importSettlements(csv: String(decoding: data, as: UTF8.self))
                common.say("out.settlements.imported", String(result.inserted), String(result.alreadyKnown))
            }
        }
    }
}
