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

    /// Characters a later reader cannot see or that move what follows: C0/C1 controls, format characters
    /// (bidi marks, embeddings, overrides and isolates; zero-width space, joiners, BOM, soft hyphen) and the
    /// Unicode line and paragraph separators, which a terminal or printout would break the line on.
    public static func isHidden(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// `text` with each hidden character written out as `\u{1B}`, so a message that echoes what was typed
    /// stays one line and no escape sequence reaches the reader's terminal.
    public static func visible(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            if isHidden(s) { out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
