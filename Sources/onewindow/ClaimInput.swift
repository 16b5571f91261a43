import ArgumentParser
import OneWindowCore

/// The event options `claim estimate` and `claim submit` share, so both read an event the same way.
struct EventOptions: ParsableArguments {
    @Option(help: "Date of the birth, miscarriage or operation, YYYY-MM-DD.") var date: String
    @Option(help: "natural | assisted | caesarean | caesareanWithOperation (a birth).") var delivery: String?
    @Option(help: "Number of babies (a birth).") var babies = 1
    @Flag(help: "Dystocia certified by the hospital.") var dystocia = false
    @Flag(help: "The pregnancy ended early (miscarriage or induced labour).") var miscarriage = false
    @Option(help: "First day of the pregnancy (末次月经), YYYY-MM-DD; for a birth, default 280 days before.") var pregnancyStart: String?
    @Option(help: "Family-planning operation (repeatable): iudInsertion | iudRemoval | tubalLigation | vasectomy | recanalisation.")
    var operation: [String] = []

    func event() throws -> MaternityEvent {
        let date = try Parse.date(date)
        let start = try pregnancyStart.map(Parse.date)
        var birth: Birth?
        if let delivery {
            let type: DeliveryType = try Parse.choice(delivery, .delivery)
            let gestation = try Gestation(start: start ?? Gestation.fullTermStart(endingOn: date), end: date)
            birth = Birth(babies: babies, delivery: type, dystocia: dystocia, gestation: gestation)
        }
        var ended: Gestation?
        if miscarriage {
            guard let start else { throw FieldError(.gestationStart, "reason.required") }
            ended = try Gestation(start: start, end: date)
        }
        let ops: [FamilyPlanningOperation] = try operation.map { try Parse.choice($0, .operation) }
        return try MaternityEvent(date: date, birth: birth, miscarriage: ended, operations: ops)
    }
}

/// A bill as typed on the command line: `ITEM=YUAN@HOSPITAL#BILLNO`, e.g.
/// `delivery=4200@天津市中心妇产科医院#FP20261120001`. One word, no quoting needed unless the hospital
/// name has spaces; an estimate needs only `ITEM=YUAN`. ITEM `delivery` takes the event's delivery type.
struct BillSpec {
    var item: MedicalItem
    var amount: Money
    var hospital: String?
    var billNo: String?

    static let syntax = "ITEM=YUAN@HOSPITAL#BILLNO"

    /// The item names a clerk may type (the delivery types also as `delivery.caesarean` and so on).
    static var itemNames: [String] {
        ["prenatal", "delivery", "miscarriage"] + FamilyPlanningOperation.allCases.map(\.rawValue)
            + DeliveryType.allCases.map { "delivery." + $0.rawValue }
    }

    /// `source`: whether the hospital and bill number must be given (a claim) or may be left out (an estimate).
    init(_ text: String, delivery: DeliveryType?, source required: Bool) throws {
        let formatKey = required ? "reason.cli.billSource" : "reason.bill.format"
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw FieldError(.bill, formatKey, texts: text) }
        let name = parts[0].trimmingSpaces
        switch name.lowercased() {
        case "delivery": item = .delivery(delivery ?? .natural)
        default:
            guard let known = Self.itemNames.first(where: { $0.lowercased() == name.lowercased() }),
                  let parsed = MedicalItem(code: known) else {
                throw FieldError(.bill, "reason.cli.billItem", texts: name, Self.itemNames.joined(separator: "|"))
            }
            item = parsed
        }
        // The bill number follows the last "#", the hospital the first "@": hospital names rarely hold
        // either, and bill numbers never hold "#".
        var rest = Substring(parts[1])
        if let hash = rest.lastIndex(of: "#") {
            billNo = String(rest[rest.index(after: hash)...]).trimmingSpaces
            rest = rest[..<hash]
        }
        if let at = rest.firstIndex(of: "@") {
            hospital = String(rest[rest.index(after: at)...]).trimmingSpaces
            rest = rest[..<at]
        }
        if required, (hospital?.isEmpty ?? true) || (billNo?.isEmpty ?? true) {
            throw FieldError(.bill, formatKey, texts: text)
        }
        amount = try Parse.money(String(rest), .amount)
    }

    func medicalBill() throws -> MedicalBill {
        try MedicalBill(item: item, hospital: hospital ?? "", billNo: billNo ?? "", actual: amount)
    }
}

extension Parse {
    /// A claim or payment order number as typed: a positive whole number.
    static func number(_ s: String, _ field: Field) throws -> Int64 {
        guard let n = Int64(s.trimmingSpaces), n > 0 else { throw FieldError(field, "reason.cli.number", texts: s) }
        return n
    }
}
