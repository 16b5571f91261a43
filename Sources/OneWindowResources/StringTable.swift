import Foundation
import OneWindowCore

public enum Language: String, Sendable, CaseIterable {
    case zh = "zh-Hans"
    case en

    /// `--lang en|zh`, else `ONEWINDOW_LANG`, else Chinese. Never taken from the locale:
    /// this machine has only C.UTF-8, and the counter language is a setting, not a locale.
    public static func resolve(_ flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        let raw = (flag ?? environment["ONEWINDOW_LANG"] ?? "zh").lowercased()
        return raw.hasPrefix("en") ? .en : .zh
    }
}

/// Renders `Message`s from the files in `Resources/strings/<language>/` (one file per area of the
/// program, merged; a key defined twice is a packaging error). Templates use `{0}`, `{1}`… for arguments,
/// and `{0|baby|babies}` for a word that agrees with the count in argument 0: the first form when it
/// is 1, else the second ("1 baby", "0 babies", "2 babies"). Chinese has one form and does not use it.
public struct StringTable: Sendable {
    public let language: Language
    let entries: [String: String]

    public init(language: Language) throws {
        self.language = language
        let dir = BundledFiles.stringsDirectory.appendingPathComponent(language.rawValue, isDirectory: true)
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var merged: [String: String] = [:]
        for file in files {
            let table = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
            for (key, value) in table {
                guard merged.updateValue(value, forKey: key) == nil else {
                    throw DomainError("error.strings.duplicate", texts: key, file.lastPathComponent)
                }
            }
        }
        entries = merged
    }

    public var keys: Set<String> { Set(entries.keys) }

    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// A missing key shows as the key itself: visible in tests, never a crash at the counter.
    public func render(_ message: Message) -> String {
        let template = entries[message.key] ?? message.key
        let values = message.args.map { arg in
            switch arg {
            case .text(let t): t
            case .message(let m): render(m)
            case .name(let n): language == .zh ? n.zh : n.en
            }
        }
        return Template.fill(template) { name in
            let parts = name.split(separator: "|", omittingEmptySubsequences: false)
            guard let index = Int(parts[0]), values.indices.contains(index) else { return nil }
            guard parts.count == 3 else { return parts.count == 1 ? values[index] : nil }
            return Self.isOne(values[index]) ? String(parts[1]) : String(parts[2])
        }
    }

    /// What this table cannot say of `message` (and of the messages inside it): a key it lacks, or an
    /// argument its template names that the message does not carry. Empty when it renders in full.
    public func gaps(in message: Message) -> [String] {
        guard let template = entries[message.key] else { return ["\(message.key) missing in \(language)"] }
        var out: [String] = []
        _ = Template.fill(template) { name in
            if let i = Int(name.split(separator: "|")[0]), i >= message.args.count { out.append("\(message.key) {\(name)} without argument") }
            return ""
        }
        for case .message(let inner) in message.args { out += gaps(in: inner) }
        return out
    }

    /// English plural rule: only exactly one takes the singular ("1 day", "0 days", "1.5 days", "1,001 days").
    static func isOne(_ count: String) -> Bool {
        count.trimmingCharacters(in: .whitespaces) == "1"
    }

    public func callAsFunction(_ key: String, _ texts: String...) -> String {
        render(Message(key, texts.map { .text($0) }))
    }

    public func name(of policy: RegionPolicy) -> String {
        language == .zh ? policy.name.zh : policy.name.en
    }
}
