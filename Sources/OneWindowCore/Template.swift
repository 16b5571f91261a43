/// `{name}` placeholders filled in one pass: a value that itself contains "{1}" is never substituted
/// again, and a placeholder `lookup` does not know stays as typed (so a mistake stays visible).
public enum Template {
    public static func fill(_ template: String, _ lookup: (Substring) -> String?) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = lookup(after[..<close]) {
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out.append("{")
                rest = after
            }
        }
        return out + rest
    }
}
