import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowStore

/// 一次性告知书: when an applicant lacks materials on the checklist, one page lists every missing item and
/// what it is for, so she comes back once with all of them.
public struct NoticeView: Sendable {
    public let person: Person
    public let type: ClaimType
    /// In the checklist's order.
    public let missing: [Material]
    /// The agency's region: the office that issues it.
    public let office: LocalizedName
    public let date: CalendarDate
    public let operatorName: String
    /// A training store's notice is marked TRAINING — NOT VALID, as its receipts are.
    public let training: Bool

    /// `告知书-20261122-110105xxxxxxxx0025-allowance`: the day, whose (masked), which claim type.
    public var fileName: String {
        "告知书-" + date.description.filter { $0 != "-" } + "-" + person.citizen.masked.replacingOccurrences(of: "*", with: "x")
            + "-" + type.rawValue
    }
}

extension ClaimLookup {
    /// The notice for a person on file who lacks `missing` for `type` (items not on its checklist are
    /// ignored); refused when nothing on the checklist is missing.
    public func notice(for id: CitizenID, type: ClaimType, missing: Set<Material>) throws -> NoticeView {
        try ctx.require(.lookup)
        let items = type.materials.filter(missing.contains)
        guard !items.isEmpty else { throw DomainError("error.notice.nothingMissing") }
        let person = try ctx.store.read { tx in try RegistrationService.person(id, tx) }
        let region = ctx.session.agencyRegion
        return NoticeView(person: person, type: type, missing: items,
                          office: ctx.policies.regions[region]?.name ?? LocalizedName(zh: region, en: region),
                          date: ctx.clock.today, operatorName: ctx.session.operatorName,
                          training: ctx.session.storeMode == .training)
    }
}

public enum NoticeText {
    /// The page as printed: who, which application, each missing item with what it is for, what is on
    /// file already, the office, the date and the clerk.
    public static func notice(_ v: NoticeView, _ s: StringTable) -> String {
        var out: [String] = []
        if v.training { out.append(s("out.receipt.training")) }
        out.append(s("out.notice.title"))
        out.append(s("out.receipt.person", v.person.name, v.person.citizen.masked))
        out.append(s("out.notice.matter", s(v.type.labelKey)))
        out.append(s("out.notice.missing"))
        for (n, m) in v.missing.enumerated() {
            out.append("  \(n + 1). " + s(m.labelKey))
            out.append("     " + s("out.notice.purpose", s(m.purposeKey)))
        }
        out.append(s(v.type.onFileKey))
        out.append(s("out.notice.closing"))
        out.append(s("out.notice.office", s.language == .zh ? v.office.zh : v.office.en))
        out.append(s("out.notice.issued", v.date.description, v.operatorName))
        if v.training { out.append(s("out.receipt.training")) }
        return out.joined(separator: "\n")
    }

    /// Prints the notice into the receipts folder (Printout), as F6 prints a receipt; returns the file.
    @discardableResult
    public static func print(_ v: NoticeView, _ s: StringTable, folder: URL) throws -> URL {
        try Printout.write(notice(v, s), name: v.fileName, training: v.training, in: folder)
    }
}
