import OneWindowCore

/// Options arrive as text and are parsed here, so a bad value gets our own message naming the field,
/// in the user's language, rather than the argument parser's English.
enum Parse {
    static func month(_ s: String, _ field: Field = .fromMonth) throws -> YearMonth { try YearMonth.parse(s, field: field) }
    static func date(_ s: String) throws -> CalendarDate { try CalendarDate.parse(s) }
    static func money(_ s: String, _ field: Field) throws -> Money { try Money.parseYuan(s, field: field) }
    static func id(_ s: String, today: CalendarDate) throws -> CitizenID { try CitizenID(s, today: today) }
    static func code(_ s: String) throws -> CreditCode { try CreditCode(s) }

    static func employerCode(_ s: String) throws -> CreditCode {
        do { return try CreditCode(s) } catch let e as FieldError { throw FieldError(.employer, e.reason) }
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ s: String, _ field: Field) throws -> T where T.RawValue == String {
        let typed = s.trimmingSpaces.lowercased()
        guard let v = T.allCases.first(where: { $0.rawValue.lowercased() == typed }) else {
            throw FieldError(field, "reason.choice", texts: s, T.allCases.map(\.rawValue).joined(separator: "|"))
        }
        return v
    }
}
