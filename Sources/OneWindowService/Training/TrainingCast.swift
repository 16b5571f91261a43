import Foundation
import OneWindowCore
import OneWindowStore

/// A planted subject of an exercise, as the generator chose it for this sandbox's seed.
public struct CastMember: Codable, Sendable, Equatable {
    public var role: CastRole
    public var citizenID: String
    public var name: String
    /// Her employer (a new hire's new one; a transferee's current one).
    public var employer: String?
    public var employerName: String?
    /// Where a transferee moves to.
    public var target: String?
    public var targetName: String?
    /// The month the task is about: a registration's first month, or where her medical record starts.
    public var month: YearMonth
    public var baseFen: Int64?
    /// A claim's event: the birth date and the first day of the pregnancy.
    public var date: CalendarDate? = nil
    public var pregnancyStart: CalendarDate? = nil
    /// The bank account the allowance goes to.
    public var account: String? = nil
    /// The claim the task is about, with its receipt; for a duplicate, the earlier claim of the same birth.
    public var claimID: Int64? = nil
    public var receipt: String? = nil
    public var earlierReceipt: String? = nil
    public var earlierDate: CalendarDate? = nil
    /// Which answer is right, for a task answered in words (the exercise file lists the words for each).
    public var answer: String? = nil

    public var person: CitizenID { CitizenID(trusted: citizenID) }

    /// The values an exercise's goal may name, by placeholder.
    public var placeholders: [String: String] {
        var values = ["name": name, "id": citizenID, "month": month.description]
        if let employer { values["employerCode"] = employer }
        if let employerName { values["employer"] = employerName }
        if let target { values["targetCode"] = target }
        if let targetName { values["target"] = targetName }
        // As the clerk types it: whole yuan (the generator picks round hundreds).
        if let baseFen { values["base"] = baseFen % 100 == 0 ? String(baseFen / 100) : Money(fen: baseFen).yuanText }
        if let date { values["date"] = date.description }
        if let pregnancyStart { values["pregnancyStart"] = pregnancyStart.description }
        if let account { values["account"] = account }
        if let receipt { values["receipt"] = receipt }
        if let earlierReceipt { values["earlierReceipt"] = earlierReceipt }
        if let earlierDate { values["earlierDate"] = earlierDate.description }
        return values
    }

    /// Every placeholder a goal may use for this role (what the generator always fills in).
    public static func placeholderNames(_ role: CastRole) -> Set<String> {
        switch role {
        case .newHire: ["name", "id", "month", "employer", "employerCode", "base"]
        case .transferee: ["name", "id", "month", "employer", "employerCode", "target", "targetCode"]
        case .mismatch: ["name", "id", "month"]
        case .twinBirth: ["name", "id", "month", "employer", "employerCode", "date", "pregnancyStart", "account"]
        case .flaggedClaim: ["name", "id", "month", "date", "receipt", "earlierReceipt", "earlierDate"]
        case .failedPayment: ["name", "id", "month", "date", "receipt"]
        }
    }
}

/// Remembers, while the persons are written, who could play the exercises' parts.
struct CastTracker {
    /// Employees of a unified Tianjin enterprise since before last month, in step, nothing planted.
    var transferees: [SyntheticPerson] = []
    /// The people with a planted mismatch, in order.
    var mismatched: [SyntheticPerson] = []
    /// Women of 23 to 40 employed in Tianjin, in step: with maternity cover for over a year, or only
    /// for the last four to eight months (a claim from them is flagged as a recent enrolment).
    var mothers: [SyntheticPerson] = []
    var newMothers: [SyntheticPerson] = []

    mutating func consider(_ p: SyntheticPerson, employers: EmployerIndex, anchor: YearMonth) {
        if p.planted != nil {
            if mismatched.count < 32 { mismatched.append(p) }
            return
        }
        if p.sex == .female, p.region.code == "tianjin", (23...40).contains(p.birth.age(on: CalendarDate(year: anchor.year, month: anchor.month, day: 1)!)),
           let open = p.openMedical, open.category == .employee,
           let maternity = p.periods.first(where: { $0.scheme == .maternity && $0.isOpen }) {
            let months = maternity.from.distance(to: anchor)
            if months >= 13, mothers.count < 64 { mothers.append(p); return }
            if (4...8).contains(months), newMothers.count < 4 { newMothers.append(p); return }
        }
        guard transferees.count < 64, p.region.code == "tianjin",
              p.periods.filter({ $0.scheme == .medical }).count == 1,
              let open = p.openMedical, open.category == .employee, open.from.distance(to: anchor) >= 2,
              let code = open.employer, let e = employers.byCode[code.value], e.kind == .enterprise, e.unified(in: anchor)
        else { return }
        transferees.append(p)
    }
}

extension SyntheticPopulation {
    /// Unified Tianjin enterprises: where the registration exercises happen (the sandbox's own region).
    func exerciseEmployers(_ employers: EmployerIndex) -> [SyntheticEmployer] {
        let list = (employers.byRegion["tianjin"] ?? []).filter { $0.kind == .enterprise && $0.unified(in: plan.anchor) }
        return list.isEmpty ? employers.all : list
    }

    func writeCast(_ tracker: CastTracker, employers: EmployerIndex) throws {
        var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.cast.rawValue, index: 0)
        let places = exerciseEmployers(employers)
        var cast: [CastMember] = []

        // The new hire: a young woman from a Tianjin district, with an ID nobody in the store has.
        let hiring = rng.pick(places)
        let tianjin = SyntheticNames.regions.first { $0.code == "tianjin" }!
        let birthMonth = plan.anchor.advanced(by: -((24 + rng.below(10)) * 12 + rng.below(12)))
        let birth = CalendarDate(year: birthMonth.year, month: birthMonth.month, day: 1 + rng.below(28))!
        var id = SyntheticIdentifiers.citizenID(division: rng.pick(tianjin.districts).code, birth: birth, sex: .female, &rng)
        while try ctx.store.read({ tx in try tx.persons.find(id) }) != nil {
            id = SyntheticIdentifiers.citizenID(division: rng.pick(tianjin.districts).code, birth: birth, sex: .female, &rng)
        }
        let base = Money(fen: (hiring.wageLevel.fen + 5_000) / 10_000 * 10_000)  // a round hundred yuan
        cast.append(CastMember(role: .newHire, citizenID: id.value, name: SyntheticNames.personName(.female, &rng),
                               employer: hiring.code.value, employerName: hiring.name, target: nil, targetName: nil,
                               month: plan.anchor, baseFen: base.fen))

        // The transferee and where she goes.
        if !tracker.transferees.isEmpty {
            let p = rng.pick(tracker.transferees)
            let from = employers.byCode[p.openMedical!.employer!.value]!
            let candidates = places.filter { $0.code != from.code }
            if let to = candidates.isEmpty ? nil : rng.pick(candidates) {
                cast.append(CastMember(role: .transferee, citizenID: p.id.value, name: p.name, employer: from.code.value,
                                       employerName: from.name, target: to.code.value, targetName: to.name,
                                       month: plan.anchor, baseFen: nil))
            }
        }

        // The claims, with the mothers who are not already part of another exercise.
        var claimTracker = tracker
        claimTracker.mothers.removeAll { m in cast.contains { $0.citizenID == m.id.value } }
        cast += try writeClaims(claimTracker, employers: employers)

        // The mismatch: preferably one whose maternity simply stopped (the clearest case to explain).
        if let p = tracker.mismatched.first(where: { $0.planted == .endedEarly && $0.openMedical?.category == .employee })
            ?? tracker.mismatched.first(where: { $0.planted == .endedEarly }) ?? tracker.mismatched.first,
           let open = p.openMedical {
            let e = open.employer.flatMap { employers.byCode[$0.value] }
            cast.append(CastMember(role: .mismatch, citizenID: p.id.value, name: p.name, employer: e?.code.value,
                                   employerName: e?.name, target: nil, targetName: nil, month: open.from, baseFen: nil))
        }

        try ctx.write { tx, audit in
            for member in cast {
                try tx.trainingCasts.insert(TrainingCastEntry(role: member.role.rawValue, json: AuditEntry.json(member)))
            }
            audit.append(AuditEntry(action: "synthetic.cast", entity: "store",
                                    after: AuditEntry.json(cast.map { ["role": $0.role.rawValue, "person": $0.person.masked] })))
        }
    }
}

extension TrainingCastEntry {
    var member: CastMember? { try? JSONDecoder().decode(CastMember.self, from: Data(json.utf8)) }
}
