/// Guessing a password at the counter: after `freeTries` failures in a row the operator is locked for a
/// delay that doubles with each further failure (1, 2, 4 … at most 60 minutes); an admin may unlock at
/// once. GB/T 22239-2019 (等保 2.0) 8.1.4.1 b): 应具有登录失败处理功能，应配置并启用结束会话、限制非法登录次数等措施.
public enum SignOnLock {
    public static let freeTries = 5
    public static let longestMinutes = 60

    /// Minutes the operator is locked after `failures` failures in a row; nil while under `freeTries`.
    public static func minutes(afterFailures failures: Int) -> Int? {
        guard failures >= freeTries else { return nil }
        return min(1 << min(failures - freeTries, 6), longestMinutes)
    }
}

/// What an operator's name may be: it goes into every audit row the operator writes, so it must be short,
/// printable and never personal data. Letters of any script, digits, `.`, `_` and `-`, starting with a
/// letter (so no citizen ID can be a name), at most `maxLength` characters.
public enum OperatorName {
    public static let maxLength = 32

    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= maxLength, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .otherLetter, .titlecaseLetter, .modifierLetter: true
        default: false
        }
    }
}
