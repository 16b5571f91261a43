import OneWindowCore
import OneWindowStore

/// The counter's one search box: a full citizen ID, a credit code, or part of a person's or employer's name.
public struct SearchService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public enum Hit: Sendable, Equatable {
        case person(Person)
        case employer(Employer)
    }

    public enum Result: Sendable, Equatable {
        case hits([Hit])
        /// A valid ID nobody has registered yet: the counter offers registration with it prefilled.
        case unregistered(CitizenID)
    }

    public static let limit = 200

    public func search(_ raw: String) throws -> Result {
        try ctx.require(.lookup)
        let text = raw.trimmingSpaces
        guard !text.isEmpty else { throw FieldError(.name, "reason.required") }
        let digitsLike = text.count >= 15 && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "x" || $0 == "X") }
        return try ctx.store.read { tx in
            if digitsLike, text.count == 15 || text.count == 18, text.prefix(17).allSatisfy(\.isNumber) {
                // Looks like an ID: it must be a valid one, and the reason is shown if not.
                let id = try CitizenID(text, today: ctx.clock.today)
                if let p = try tx.persons.find(id) { return .hits([.person(p)]) }
                return .unregistered(id)
            }
            if text.count == 18, let code = try? CreditCode(text) {
                return .hits(try tx.employers.find(code).map { [.employer($0)] } ?? [])
            }
            let people = try tx.persons.search(name: text, limit: Self.limit).map(Hit.person)
            let employers = try tx.employers.search(name: text, limit: Self.limit).map(Hit.employer)
            return .hits(people + employers)
        }
    }

    /// The employer value help (F4 on a credit-code field): part of the name, or the first characters of
    /// the credit code (letters in any case). An empty text is refused as on the search box.
    public func employers(matching raw: String) throws -> [Employer] {
        try ctx.require(.lookup)
        let text = raw.trimmingSpaces
        guard !text.isEmpty else { throw FieldError(.name, "reason.required") }
        let codeLike = text.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter) }
        return try ctx.store.read { tx in
            let byCode = codeLike ? try tx.employers.search(codePrefix: text.uppercased(), limit: Self.limit) : []
            let byName = try tx.employers.search(name: text, limit: Self.limit)
            var seen = Set<String>()
            return (byCode + byName).filter { seen.insert($0.code).inserted }
        }
    }
}
