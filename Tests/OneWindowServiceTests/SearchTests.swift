import Foundation
import GRDB
import OneWindowCore
import OneWindowService
@testable import OneWindowStore
import Testing

/// Name search through the name-gram index (migration "002-name-search"): substrings of 1, 2 and 3+
/// characters, for persons and employers, kept current by triggers on every write.
@Suite("Name search at any length")
struct SearchTests {
    /// A valid citizen ID for the n-th test person (Tianjin, born 1990, check character computed).
    static func id(_ n: Int) -> String {
        let body = "120101" + "19900101" + String(format: "%03d", n % 1000)
        return body + String(CitizenID.checkCharacter(for: body)!)
    }

    /// Persons written as the sqlite3 shell would (the triggers, not the service, keep the index).
    static func plant(_ f: Fixture, _ names: [String]) throws {
        let rows = names.enumerated().map { i, name in
            let id = Self.id(i + 1)
            let sex = (i + 1) % 2 == 1 ? "male" : "female"
            return "('\(id)', '\(name.replacingOccurrences(of: "'", with: "''"))', '\(sex)', '1990-01-01', 'tianjin')"
        }
        try f.raw("INSERT INTO person (citizenID, name, sex, birthDate, region) VALUES \(rows.joined(separator: ", "))")
    }

    static func names(_ f: Fixture, _ query: String, limit: Int = 200) throws -> [String] {
        try f.store.read { tx in try tx.persons.search(name: query, limit: limit).map(\.name) }
    }

    @Test("One character finds it at the start, in the middle and at the end of a name, ordered by name")
    func oneCharacter() throws {
        let f = try Fixture()
        try Self.plant(f, ["王小明", "李王芳", "张三王", "陈明", "赵六"])
        #expect(try Self.names(f, "王") == ["张三王", "李王芳", "王小明"].sorted())
        #expect(try Self.names(f, "明") == ["王小明", "陈明"].sorted())
        #expect(try Self.names(f, "钱").isEmpty)
    }

    @Test("Two characters must be adjacent in the name")
    func twoCharacters() throws {
        let f = try Fixture()
        try Self.plant(f, ["王小明", "小王", "王小", "王明小"])
        #expect(try Self.names(f, "王小") == ["王小", "王小明"].sorted())
        #expect(try Self.names(f, "小明") == ["王小明"])
        #expect(try Self.names(f, "明小") == ["王明小"])
    }

    @Test("Three characters and more: the whole query must occur, not just each of its pairs")
    func threeAndMore() throws {
        let f = try Fixture()
        try Self.plant(f, ["欧阳小明", "欧阳明", "小明欧阳", "小明和明王"])
        #expect(try Self.names(f, "欧阳小") == ["欧阳小明"])
        #expect(try Self.names(f, "阳小明") == ["欧阳小明"])
        #expect(try Self.names(f, "欧阳小明") == ["欧阳小明"])
        #expect(try Self.names(f, "明欧阳") == ["小明欧阳"])
        #expect(try Self.names(f, "欧小明").isEmpty)
        // 小明 and 明王 both occur in 小明和明王, but 小明王 does not.
        #expect(try Self.names(f, "小明王").isEmpty)
        #expect(try Self.names(f, "明和明") == ["小明和明王"])
    }

    @Test("ASCII letters match either case; % and _ are plain characters, not wildcards")
    func asciiAndWildcards() throws {
        let f = try Fixture()
        try Self.plant(f, ["Anna Smith", "李娜", "A_B"])
        #expect(try Self.names(f, "smith") == ["Anna Smith"])
        #expect(try Self.names(f, "SM") == ["Anna Smith"])
        #expect(try Self.names(f, "a") == ["A_B", "Anna Smith"])
        #expect(try Self.names(f, "%").isEmpty)
        #expect(try Self.names(f, "_") == ["A_B"])
        #expect(try Self.names(f, "a%b").isEmpty)
    }

    @Test("The limit keeps the first names in order, and a name shared by two persons lists both")
    func limitAndOrder() throws {
        let f = try Fixture()
        let names = (0..<30).map { "王" + String(UnicodeScalar(0x4E00 + 29 - $0)!) } + ["王一", "李一"]
        try Self.plant(f, names)
        let found = try Self.names(f, "王", limit: 10)
        #expect(found == Array(names.filter { $0.hasPrefix("王") }.sorted().prefix(10)))
        #expect(try Self.names(f, "王一") == ["王一", "王一"])
    }

    @Test("The index follows renames and deletions, even made outside the program")
    func followsWrites() throws {
        let f = try Fixture()
        try Self.plant(f, ["王小明", "李娜"])
        try f.raw("UPDATE person SET name = '刘小明' WHERE name = '王小明'")
        #expect(try Self.names(f, "王").isEmpty)
        #expect(try Self.names(f, "刘小明") == ["刘小明"])
        #expect(try Self.names(f, "小明") == ["刘小明"])
        try f.raw("DELETE FROM person WHERE name = '李娜'")
        #expect(try Self.names(f, "娜").isEmpty)
        // Nothing is left behind for the deleted or renamed rows.
        #expect(try f.count("personNameGram", where: "name IN ('王小明', '李娜')") == 0)
    }

    @Test("A store created before the index gets it filled when it is opened")
    func backfillOnMigration() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "001-foundation")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO person (citizenID, name, sex, birthDate, region) VALUES (?, '欧阳小明', 'male', '1990-01-01', 'tianjin')",
                               arguments: [Self.id(1)])
                try db.execute(sql: "INSERT INTO employer (code, name, region, kind) VALUES ('91120116MA05XXXX0J', '天津某某科技有限公司', 'tianjin', 'enterprise')")
            }
        }
        let store = try Store(path: path)
        for q in ["阳", "小明", "欧阳小明"] {
            #expect(try store.read { tx in try tx.persons.search(name: q, limit: 10).map(\.name) } == ["欧阳小明"])
        }
        for q in ["津", "科技", "有限公司"] {
            #expect(try store.read { tx in try tx.employers.search(name: q, limit: 10).map(\.name) } == ["天津某某科技有限公司"])
        }
    }

    @Test("Employer names: 1, 2 and 3+ characters")
    func employerNames() throws {
        let f = try Fixture().withEmployers()
        func names(_ q: String) throws -> [String] {
            try f.store.read { tx in try tx.employers.search(name: q, limit: 200).map(\.name) }
        }
        #expect(try names("某") == ["天津某某科技有限公司", "汕头某事业单位"].sorted())
        #expect(try names("某某") == ["天津某某科技有限公司"])
        #expect(try names("事业单位") == ["汕头某事业单位"])
        #expect(try names("科技有限") == ["天津某某科技有限公司"])
        #expect(try names("某事业科技").isEmpty)
    }

    @Test("The counter's search box finds registered persons by 1, 2 and 3 characters")
    func throughSearchService() throws {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "欧阳娜娜", category: .employee,
                                               employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
        for q in ["娜", "欧阳", "阳娜娜", "欧阳娜娜"] {
            guard case .hits(let hits) = try SearchService(f.clerk).search(q) else {
                Issue.record("\(q): expected hits"); continue
            }
            #expect(hits.count == 1, "\(q)")
            if case .person(let p) = hits.first { #expect(p.citizenID == Fixture.lina.value) } else { Issue.record("\(q): not a person") }
        }
    }
}
