import Foundation
import OneWindowCore
@testable import OneWindowResources
import Testing

/// The words the counter says: English plurals agree with their count, page hints name only the keys
/// the key bar names, a Chinese instruction says what to record and where, one name per role.
@Suite("String tables: words")
struct StringWordsTests {
    static let zh = try! StringTable(language: .zh)
    static let en = try! StringTable(language: .en)

    /// Every (key, value) of a table, as shipped.
    static func values(_ table: StringTable) -> [(String, String)] {
        table.keys.sorted().map { ($0, table.entries[$0]!) }
    }

    @Test("English plurals: 0 babies, 1 baby, 2 babies; 1 claim; 0 months, 1 month; 1 day")
    func plurals() {
        let en = Self.en
        #expect(en("out.event.babies", "0") == "0 babies")
        #expect(en("out.event.babies", "1") == "1 baby")
        #expect(en("out.event.babies", "2") == "2 babies")
        #expect(en("out.cli.claims.count", "1") == "1 claim")
        #expect(en("out.cli.claims.count", "2") == "2 claims")
        #expect(en("tui.person.arrearsSummary", "0", "0.00") == "arrears: 0 months, 0.00 yuan")
        #expect(en("tui.person.arrearsSummary", "1", "500.00") == "arrears: 1 month, 500.00 yuan")
        #expect(en("out.claim.days", "1") == "1 day" && en("out.claim.days", "98") == "98 days")
        #expect(en("risk.recentEnrolment", "2026-10", "1").hasSuffix("1 month before the event"))
        #expect(en("tui.exercise.passed", "1", "2") == "Passed: 1 point (attempt 2)")
    }

    @Test("Chinese has one form: the same template for every count, no plural selector in it")
    func chineseOneForm() {
        #expect(Self.zh("out.event.babies", "1").hasPrefix("1") && Self.zh("out.event.babies", "2").hasPrefix("2"))
        for (key, value) in Self.values(Self.zh) { #expect(!value.contains("|"), "\(key): \(value)") }
    }

    @Test("The plural selector: {n|one|other} by argument n; a missing argument or a malformed selector stays visible")
    func selector() {
        #expect(StringTable.isOne("1") && !StringTable.isOne("0") && !StringTable.isOne("1.5") && !StringTable.isOne("11"))
        // A table value with a selector whose index has no argument is left as typed, not dropped.
        #expect(Self.en.render(Message("out.event.babies")) == "{0} {0|baby|babies}")
    }

    @Test("No English count with (s) or baby/babies: the plural form is chosen by the count")
    func noSlashPlurals() {
        for (key, value) in Self.values(Self.en) {
            #expect(!value.contains("(s)") && !value.contains("baby/babies"), "\(key): \(value)")
        }
    }

    @Test("Every English {n} followed by a counted noun goes through the plural selector")
    func countedNouns() throws {
        let counted = try Regex(#"\{[0-9]\} (?:[a-z-]+ )?(days|months|babies|claims|orders|payments|persons|employers|lines|rows|points|attempts|records|operators|periods|newborns|characters|runs|bases)\b"#)
        for (key, value) in Self.values(Self.en) {
            #expect(value.firstMatch(of: counted) == nil, "\(key): \(value)")
        }
    }

    @Test("No page hint names PgUp/PgDn: the key bar names F7/F8, the indicator says only the page")
    func noPgUpPgDn() {
        for table in [Self.zh, Self.en] {
            for (key, value) in Self.values(table) { #expect(!value.contains("PgUp/PgDn"), "\(key): \(value)") }
        }
        #expect(Self.zh("tui.claim.page", "1", "2") == "第 1/2 页" && Self.en("tui.claim.page", "1", "2") == "page 1/2")
    }

    @Test("One name per role: 主管 (never 审核员), 经办员, 管理员, 实习员, as role.* says")
    func roleNames() {
        #expect(Self.zh("role.supervisor") == "主管" && Self.zh("role.clerk") == "经办员")
        #expect(Self.zh("role.admin") == "管理员" && Self.zh("role.trainee") == "实习员")
        for (key, value) in Self.values(Self.zh) {
            for other in ["审核员", "审批员", "复核员", "学员"] { #expect(!value.contains(other), "\(key): \(value)") }
        }
        for (key, value) in Self.values(Self.en) {
            for other in ["reviewer", "approver", "trainee clerk"] { #expect(!value.lowercased().contains(other), "\(key): \(value)") }
        }
    }

    @Test("No Chinese instruction without its object: never \"请先…录入\" or \"F9 录入\" with nothing recorded")
    func chineseObjects() throws {
        let bare = try Regex(#"(请先[^，。；：]*|F[0-9]+ )(录入|输入|填写|选择)[。；]?$"#)
        for (key, value) in Self.values(Self.zh) {
            #expect(value.firstMatch(of: bare) == nil, "\(key): \(value)")
        }
        #expect(Self.zh("error.claim.noBasis").contains("按 F9 录入该单位上年度职工月平均工资"))
    }
}
