import Foundation
import OneWindowCore

/// The files shipped in `Resources/`, found through the SwiftPM resource bundle
/// (works for `swift run`, the tests and a copied binary with its `.resources` folder beside it).
public enum BundledFiles {
    public static var policiesDirectory: URL { directory("policies") }
    public static var stringsDirectory: URL { directory("strings") }

    static func directory(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent(name, isDirectory: true)
    }

    /// Every shipped region policy, validated; a broken file is a packaging error and stops the program.
    public static func policies() throws -> [RegionPolicy] {
        let files = try FileManager.default.contentsOfDirectory(at: policiesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { url in
            let policy = try JSONDecoder().decode(RegionPolicy.self, from: Data(contentsOf: url))
            try policy.validate()
            return policy
        }
    }
}
