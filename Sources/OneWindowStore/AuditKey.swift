import Crypto
import Foundation
import OneWindowCore

/// The secret the audit chain of a live store is keyed with (HMAC-SHA-256): kept outside the store, so
/// whoever can rewrite the store's rows still cannot recompute a chain `audit verify` accepts.
/// The store names its key (`audit.keyID` in `meta`); the key itself is a file `<keyID>.key` in the key
/// folder: `$ONEWINDOW_AUDIT_KEYS`, else `audit-keys` in the operator's data folder. Every counter
/// machine writing to the store needs a copy of that file (README, "审计密钥").
public struct AuditKey: Sendable {
    public let id: String
    let key: SymmetricKey

    /// The folder key files live in.
    public static var folder: String {
        if let dir = ProcessInfo.processInfo.environment["ONEWINDOW_AUDIT_KEYS"], !dir.isEmpty { return dir }
        return (DataFolder.path as NSString).appendingPathComponent("audit-keys")
    }

    public static func file(id: String) -> String { (folder as NSString).appendingPathComponent("\(id).key") }

    /// The key named `id`, or nil when its file is not on this machine (or is not a key).
    static func load(id: String) -> AuditKey? {
        guard let text = try? String(contentsOfFile: file(id: id), encoding: .utf8),
              let bytes = hexBytes(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else { return nil }
        return AuditKey(id: id, key: SymmetricKey(data: bytes))
    }

    /// A new random key, written to its file (0600, in a 0700 folder) before any row depends on it.
    static func create() throws -> AuditKey {
        let key = SymmetricKey(size: .bits256)
        let id = UUID().uuidString.lowercased()
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let hex = key.withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
        guard fm.createFile(atPath: file(id: id), contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DomainError("error.audit.keyUnwritable", texts: file(id: id))
        }
        return AuditKey(id: id, key: key)
    }

    func mac(_ data: Data) -> String {
        HMAC<SHA256>.authenticationCode(for: data, using: key).map { String(format: "%02x", $0) }.joined()
    }

    private static func hexBytes(_ s: String) -> [UInt8]? {
        guard s.count % 2 == 0, s.allSatisfy(\.isHexDigit) else { return nil }
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(i, offsetBy: 2)
            guard let b = UInt8(s[i..<j], radix: 16) else { return nil }
            out.append(b)
            i = j
        }
        return out
    }
}

/// How the store's chain is keyed, as its `meta` says: nothing (a training store, or a live store from
/// before keying that has not been written since), or a key id and the seq of the `audit.key` row from
/// which every row is an HMAC.
struct AuditKeying: Sendable {
    let keyID: String
    let from: Int64

    static func read(_ tx: StoreTx) throws -> AuditKeying? {
        guard let id = try tx.meta.get("audit.keyID"), let from = try tx.meta.get("audit.keyedFrom").flatMap({ Int64($0) }) else {
            return nil
        }
        return AuditKeying(keyID: id, from: from)
    }
}
