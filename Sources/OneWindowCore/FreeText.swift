/// Text a user types into a free field (a document number, a reason): trimmed, at most `maxLength`
/// characters, and no control or bidirectional-formatting characters, which would reorder or hide what
/// a later reader (screen, audit, printout) sees.
public enum FreeText {
    public static func validated(_ raw: String, field: Field, maxLength: Int = 100, required: Bool = true) throws -> String {
        let text = raw.trimmingSpaces
        if required, text.isEmpty { throw FieldError(field, "reason.required") }
        guard text.count <= maxLength else { throw FieldError(field, "reason.text.tooLong", texts: String(maxLength)) }
        if text.unicodeScalars.contains(where: isHidden) { throw FieldError(field, "reason.text.control") }
        return text
    }

    /// C0/C1 controls, and the bidi embeddings, overrides, isolates and marks (U+200E/F, U+202A–E, U+2066–9).
    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .control || (0x200E...0x200F).contains(s.value)
            || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }
}
