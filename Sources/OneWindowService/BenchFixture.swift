import Foundation
import GRDB
import OneWindowCore
import OneWindowStore

/// The population `onewindow bench` measures on: synthetic employees with valid citizen IDs and common
/// Chinese names, each enrolled in both schemes with an employer and a base, written by bulk SQL in
/// large audited transactions. A benchmark fixture only (training stores only, never a live one); the
/// training-data generator is a separate piece of work.
public enum BenchFixture {
    /// How many persons share one synthetic employer.
    public static let personsPerEmployer = 500
    static let batch = 50_000
    static let region = "tianjin"

    /// Adds persons (and the employers they need) until the store holds `persons`; returns how many it added.
    /// `progress` is called after each batch with the number of persons now in the store.
    @discardableResult
    public static func populate(_ ctx: ServiceContext, persons target: Int, progress: (Int) -> Void = { _ in }) throws -> Int {
        guard ctx.session.storeMode == .training else { throw DomainError("error.bench.live", texts: ctx.store.path) }
        try ctx.require(.register)
        let existing = try count(ctx).persons
        guard existing < target else { return 0 }
        let employers = max(1, target / personsPerEmployer)
        try ctx.write { db, audit in
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO employer (code, name, region, kind, unifiedFrom) VALUES (?, ?, ?, 'enterprise', '2020-01')
                """)
            for i in 0..<employers { try insert.execute(arguments: [employerCode(i), employerName(i), region]) }
            audit.append(AuditEntry(action: "bench.employers", entity: "store", after: AuditEntry.json(["employers": employers])))
        }
        var next = existing
        while next < target {
            let end = min(target, next + batch)
            try ctx.write { db, audit in
                // A bigger page cache for this connection: the name-gram index is written in random order.
                try db.execute(sql: "PRAGMA cache_size = -262144")
                let person = try db.makeStatement(sql: """
                    INSERT OR IGNORE INTO person (citizenID, name, sex, birthDate, region) VALUES (?, ?, ?, ?, ?)
                    """)
                let enrolment = try db.makeStatement(sql: """
                    INSERT INTO enrolment (personID, scheme, category, employerCode, region, fromMonth)
                    VALUES (?, ?, 'employee', ?, ?, ?)
                    """)
                let base = try db.makeStatement(sql: "INSERT INTO contributionBase (personID, fromMonth, baseFen) VALUES (?, ?, ?)")
                for i in next..<end {
                    let p = synthetic(i)
                    try person.execute(arguments: [p.id.value, p.name, p.id.sex.rawValue, p.id.birthDate.description, region])
                    guard db.changesCount == 1 else { continue }  // the ID is already there
                    let rowID = db.lastInsertedRowID
                    let from = String(format: "%04d-%02d", 2015 + i % 11, 1 + i % 12)
                    let employer = employerCode(i % employers)
                    try enrolment.execute(arguments: [rowID, Scheme.medical.rawValue, employer, region, from])
                    try enrolment.execute(arguments: [rowID, Scheme.maternity.rawValue, employer, region, from])
                    try base.execute(arguments: [rowID, from, 400_000 + Int64(i % 200) * 5_000])
                }
                audit.append(AuditEntry(action: "bench.persons", entity: "store",
                                        after: AuditEntry.json(["from": next, "to": end])))
            }
            next = end
            progress(next)
        }
        return next - existing
    }

    public static func count(_ ctx: ServiceContext) throws -> (persons: Int, employers: Int) {
        try ctx.store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM employer") ?? 0)
        }
    }

    /// `count` persons picked at random (reproducibly): their full IDs and names, what a clerk would type.
    public static func samples(_ ctx: ServiceContext, count: Int, seed: UInt64 = 42) throws -> [(id: CitizenID, name: String)] {
        try ctx.store.read { db in
            guard let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM person"), maxID > 0 else { return [] }
            var rng = SplitMix64(seed: seed)
            return try (0..<count).compactMap { _ in
                let id = Int64(rng.next() % UInt64(maxID)) + 1
                guard let row = try Row.fetchOne(db, sql: "SELECT citizenID, name FROM person WHERE id >= ? ORDER BY id LIMIT 1",
                                                 arguments: [id]) else { return nil }
                return (CitizenID(trusted: row["citizenID"]), row["name"])
            }
        }
    }

    /// Employer codes: valid GB 32100 codes in Tianjin Binhai (120116), numbered.
    public static func employerCode(_ i: Int) -> String {
        let body = "91120116BN" + String(format: "%07d", i)
        return body + String(CreditCode.checkCharacter(for: body)!)
    }

    static func employerName(_ i: Int) -> String {
        let brand = brandChars[i % brandChars.count] + brandChars[(i / brandChars.count + 7) % brandChars.count]
        return "天津" + brand + industries[(i / 3) % industries.count] + "有限公司"
    }

    /// The i-th synthetic person: a valid, unique citizen ID (unique for i below 260 million) and a name.
    static func synthetic(_ i: Int) -> (id: CitizenID, name: String) {
        let days = 16_436  // 1960-01-01 … 2004-12-31
        let date = Self.date(daysAfter1960: i % days)
        let seq = (i / days) % 1000
        let division = divisions[(i / days / 1000) % divisions.count]
        let body = division + String(format: "%04d%02d%02d%03d", date.year, date.month, date.day, seq)
        let id = CitizenID(trusted: body + String(CitizenID.checkCharacter(for: body)!))
        var rng = SplitMix64(seed: UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        return (id, name(&rng))
    }

    static func date(daysAfter1960 n: Int) -> (year: Int, month: Int, day: Int) {
        var y = 1960, rest = n
        func yearLength(_ y: Int) -> Int { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365 }
        while rest >= yearLength(y) { rest -= yearLength(y); y += 1 }
        let lengths = [31, yearLength(y) == 366 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var m = 0
        while rest >= lengths[m] { rest -= lengths[m]; m += 1 }
        return (y, m + 1, rest + 1)
    }

    /// A surname by its frequency, then one (a third of the time) or two given-name characters.
    static func name(_ rng: inout SplitMix64) -> String {
        var pick = Int(rng.next() % UInt64(surnameTotal))
        var surname = surnames[0].0
        for (s, weight) in surnames {
            if pick < weight { surname = s; break }
            pick -= weight
        }
        let count = rng.next() % 3 == 0 ? 1 : 2
        return surname + (0..<count).map { _ in givenChars[Int(rng.next() % UInt64(givenChars.count))] }.joined()
    }

    // Tianjin's district codes.
    static let divisions = ["120101", "120102", "120103", "120104", "120105", "120106", "120110", "120111",
                            "120112", "120113", "120114", "120115", "120116", "120117", "120118", "120119"]

    // The common surnames, weighted roughly by their share of the population (per mille).
    static let surnames: [(String, Int)] = [
        ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 25), ("赵", 23), ("吴", 21),
        ("周", 21), ("徐", 17), ("孙", 15), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12), ("何", 12), ("高", 12),
        ("林", 11), ("罗", 11), ("郑", 10), ("梁", 10), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7),
        ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6), ("肖", 6), ("田", 6), ("董", 6), ("袁", 5),
        ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5), ("叶", 4), ("程", 4), ("苏", 4),
        ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 3), ("崔", 3),
        ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3),
        ("夏", 3), ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3),
        ("邱", 3), ("江", 3), ("尹", 3), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2),
        ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2),
        ("万", 2), ("钱", 2), ("严", 2), ("覃", 2), ("武", 2), ("戴", 2), ("莫", 2), ("孔", 2), ("向", 2),
        ("欧阳", 1), ("司马", 1), ("诸葛", 1), ("上官", 1),
    ]
    static let surnameTotal = surnames.reduce(0) { $0 + $1.1 }

    static let givenChars: [String] = Array("""
        伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红文辉建国志宏云峰鹏波斌宇浩凯俊佳欣怡雪梅琳婷晶\
        燕玲丹慧颖婉瑶子涵轩博宁晨阳海林东亮飞鑫成家荣雨思嘉淑琴凤洁彬健龙琪蕾莉倩春秋晓春晖新民德福
        """).map(String.init)

    static let brandChars: [String] = Array("华信达恒泰盛兴隆鑫源宏远安康瑞丰德润中诚金鼎天元博通").map(String.init)
    static let industries = ["科技", "商贸", "建筑工程", "物流", "餐饮管理", "医药", "机械制造", "电子", "纺织", "印刷"]
}

/// A small, fast, reproducible generator (Steele, Lea, Flood 2014): the same store every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
