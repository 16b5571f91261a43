import Foundation
import Testing
@testable import OneWindowCore
import OneWindowResources

@Suite("String tables (Resources/strings)")
struct StringTableTests {
    static let zh = try! StringTable(language: .zh)
    static let en = try! StringTable(language: .en)
    var zh: StringTable { Self.zh }
    var en: StringTable { Self.en }

    /// Every `"prefix.key"` literal in the .swift files under Sources/, found relative to this file.
    static func keyLiteralsInSources() throws -> [String: String] {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // OneWindowCoreTests
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent() // package root
            .appendingPathComponent("Sources", isDirectory: true)
        let key = try Regex(#""((?:error|reason|field|out|col|prompt|status|sex|policy|category|scheme|role|item|endReason|employerKind|permission|tui|help|ledger|fund|budget)\.[A-Za-z0-9.]+)""#)
        // Audit action names ("policy.addPeriod", "person.reveal", …) go to the audit log, not to a screen.
        let auditAction = try Regex(#"action:\s*"[^"]*""#)
        var found: [String: String] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8).replacing(auditAction, with: "")
            for match in text.matches(of: key) {
                let literal = String(text[match.range].dropFirst().dropLast())
                found[literal] = file.lastPathComponent
            }
        }
        return found
    }

    @Test("zh-Hans and en have exactly the same keys")
    func sameKeys() {
        #expect(zh.keys.subtracting(en.keys).sorted() == [], "only in zh-Hans")
        #expect(en.keys.subtracting(zh.keys).sorted() == [], "only in en")
        #expect(zh.keys.count > 100)
    }

    @Test("a key's placeholders {0}, {1}… are the same in both languages, and no entry is blank")
    func samePlaceholders() throws {
        let placeholder = try Regex(#"\{[0-9]+\}"#)
        for key in zh.keys.sorted() {
            let zhText = zh(key), enText = en(key)
            let a = Set(zhText.matches(of: placeholder).map { String(zhText[$0.range]) })
            let b = Set(enText.matches(of: placeholder).map { String(enText[$0.range]) })
            #expect(a == b, "\(key): zh \(a.sorted()) vs en \(b.sorted())")
            #expect(!zhText.trimmingSpaces.isEmpty && !enText.trimmingSpaces.isEmpty, "\(key) is blank")
        }
    }

    @Test("every message key literal used in Sources exists in both tables")
    func sourceKeysExist() throws {
        let found = try Self.keyLiteralsInSources()
        #expect(found.count > 50, "the scan found only \(found.count) keys: is #filePath still inside the package?")
        for (key, file) in found.sorted(by: { $0.key < $1.key }) {
            #expect(zh.has(key), "\(key) (used in \(file)) is missing from zh-Hans.json")
            #expect(en.has(key), "\(key) (used in \(file)) is missing from en.json")
        }
    }

    @Test("the scan sees the keys Core throws (sanity check of the scanner)")
    func scannerFindsCoreKeys() throws {
        let found = try Self.keyLiteralsInSources()
        for key in ["reason.id.checksum", "reason.code.char", "reason.money.decimals", "reason.month.format",
                    "error.reg.alreadyEnrolled", "reason.reg.notAfterStart", "error.field"] {
            #expect(found[key] != nil, "\(key)")
        }
        #expect(found["policy.addPeriod"] == nil, "audit action names are not message keys")
    }

    static var enumKeys: [String] {
        Field.allCases.map(\.messageKey) + Scheme.allCases.map(\.messageKey) + PersonCategory.allCases.map(\.messageKey)
            + Role.allCases.map(\.messageKey) + EmployerKind.allCases.map(\.messageKey) + EndReason.allCases.map(\.messageKey)
            + ContributionItem.allCases.map(\.messageKey) + Permission.allCases.map { "permission.\($0.rawValue)" }
            + Sex.allCases.map { "sex.\($0.rawValue)" } + LedgerAccount.allCases.map(\.messageKey)
            + LedgerSource.allCases.map(\.messageKey) + EnteredItem.allCases.map(\.messageKey) + CapacityBand.allCases.map(\.messageKey)
            + CapacityBand.allCases.filter { $0 != .normal }.map { "fund.warn.capacity.\($0.rawValue)" }
    }

    @Test("every messageKey of the Core enums exists in both tables", arguments: enumKeys)
    func enumKeyExists(_ key: String) {
        #expect(zh.has(key), "zh-Hans lacks \(key)")
        #expect(en.has(key), "en lacks \(key)")
    }

    @Test("messageKey is prefix + raw value")
    func messageKeyShape() {
        #expect(Field.citizenID.messageKey == "field.citizenID")
        #expect(Scheme.maternity.messageKey == "scheme.maternity")
        #expect(PersonCategory.flexible.messageKey == "category.flexible")
        #expect(Role.supervisor.messageKey == "role.supervisor")
        #expect(EmployerKind.provincial.messageKey == "employerKind.provincial")
        #expect(EndReason.transferred.messageKey == "endReason.transferred")
        #expect(ContributionItem.employerUnified.messageKey == "item.employerUnified")
    }

    // MARK: render

    @Test("FieldError.message renders as \"身份证号码：…\" in zh and \"citizen ID: …\" in en, the reason nested and filled")
    func fieldErrorRendering() {
        let error = FieldError(.citizenID, "reason.id.checksum", texts: "X")
        let zhText = zh.render(error.message)
        let enText = en.render(error.message)
        #expect(zhText.hasPrefix("身份证号码："))
        #expect(enText.hasPrefix("citizen ID: "))
        #expect(zhText == "身份证号码：" + zh("reason.id.checksum", "X"))
        #expect(enText == "citizen ID: " + en("reason.id.checksum", "X"))
        #expect(zhText.contains("X") && !zhText.contains("{"))
        #expect(enText.contains("should be X") && !enText.contains("{"))
    }

    @Test("render substitutes {0} and {1}, translating nested messages")
    func renderTwoArguments() {
        let denied = Message("error.role.denied", [.message(Message(Role.clerk.messageKey)), .message(Message("permission.setPolicy"))])
        #expect(en.render(denied) == "a clerk may not: change rates")
        #expect(!zh.render(denied).contains("{") && zh.render(denied).contains("经办员") && zh.render(denied).contains("调整费率"))
        let order = Message("error.policy.periodOrder", texts: "tianjin", "2021-11")
        #expect(en.render(order) == "region tianjin: period 2021-11 is out of order")
    }

    @Test("render leaves a template without placeholders alone and ignores surplus arguments")
    func renderEdgeCases() {
        #expect(en.render(Message("reason.required")) == "is required")
        #expect(en.render(Message("reason.required", texts: "ignored")) == "is required")
        #expect(en("error.field", "a", "b") == "a: b")
    }

    @Test("a missing key renders as the key itself, never a crash")
    func missingKey() {
        #expect(en.render(Message("no.such.key")) == "no.such.key")
        #expect(zh.render(Message("error.field", [.text("x"), .message(Message("no.such.reason"))])) == "x：no.such.reason")
    }

    @Test("gaps names a missing key and an argument the template needs but the message lacks, nested too")
    func gaps() {
        #expect(en.gaps(in: Message("error.field", texts: "a", "b")).isEmpty)
        #expect(en.gaps(in: Message("no.such.key")) == ["no.such.key missing in en"])
        #expect(en.gaps(in: Message("error.field", texts: "a")) == ["error.field {1} without argument"])
        #expect(zh.gaps(in: Message("error.field", [.text("x"), .message(Message("no.such.reason"))])) == ["no.such.reason missing in zh"])
    }

    @Test("render is single-pass: typed text containing \"{1}\" is shown as typed, not substituted again")
    func renderSinglePass() {
        // Parse.choice and PolicyBook put the user's input at {0} and the list of valid values at {1}.
        let unknown = FieldError(.region, Message("reason.region.unknown", [.text("{1}"), .text("national, tianjin")]))
        #expect(en.render(unknown.message) == "region: no region '{1}'; known: national, tianjin")
        #expect(en.render(Message("error.field", [.text("{1}"), .text("b")])) == "{1}: b")
    }

    @Test("Language.resolve: flag, then ONEWINDOW_LANG, then Chinese",
          arguments: [("en", [String: String](), Language.en), (nil, [:], .zh), (nil, ["ONEWINDOW_LANG": "en"], .en),
                      ("zh", ["ONEWINDOW_LANG": "en"], .zh), ("EN-GB", [:], .en), ("fr", [:], .zh)] as [(String?, [String: String], Language)])
    func languageResolve(_ flag: String?, _ env: [String: String], _ language: Language) {
        #expect(Language.resolve(flag, environment: env) == language)
    }

    @Test("policy names are shown in the chosen language")
    func policyNames() throws {
        let tianjin = try #require(try BundledFiles.policies().first { $0.code == "tianjin" })
        #expect(zh.name(of: tianjin) == "天津市")
        #expect(en.name(of: tianjin) == "Tianjin")
    }
}
