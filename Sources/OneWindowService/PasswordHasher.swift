import Crypto
import CryptoExtras
import Foundation

/// Operator passwords are kept only as a salted scrypt hash: `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64).
/// scrypt (RFC 7914) is memory-hard, so a stolen store is slow to brute-force.
public enum PasswordHasher {
    static let logN = 14, r = 8, p = 1, keyBytes = 32

    public static func hash(_ password: String) throws -> String {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        let key = try derive(password, salt: salt, logN: logN, r: r, p: p)
        return "scrypt$\(logN)$\(r)$\(p)$\(salt.base64EncodedString())$\(key.base64EncodedString())"
    }

    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]),
              let p = Int(parts[3]), (10...20).contains(logN), let salt = Data(base64Encoded: parts[4]),
              let expected = Data(base64Encoded: parts[5]),
              let key = try? derive(password, salt: salt, logN: logN, r: r, p: p) else { return false }
        // Constant-time comparison: do not leak how many bytes matched.
        return key.count == expected.count && zip(key, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func derive(_ password: String, salt: Data, logN: Int, r: Int, p: Int) throws -> Data {
        let key = try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: keyBytes,
                                           rounds: 1 << logN, blockSize: r, parallelism: p)
        return key.withUnsafeBytes { Data($0) }
    }
}
