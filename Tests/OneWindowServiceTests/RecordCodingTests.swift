import Foundation
import GRDB
import OneWindowCore
@testable import OneWindowStore
import Testing

/// The store's own record coding (`SQLRecordCoding` through `SQLExecutor`) against GRDB's Codable
/// records, which wrote every store before it: the same rows from the same values, and each reads the
/// other's rows back equal.
@Suite struct RecordCodingTests {
    /// Any Core record as a GRDB Codable record, coded by the record's own Codable conformance as GRDB
    /// coded the record types before (`RecordTables`).
    struct GRDBRecord<T: Codable>: Codable, FetchableRecord, PersistableRecord {
        var value: T
        init(_ value: T) { self.value = value }
        init(from decoder: any Decoder) throws { value = try T(from: decoder) }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
        static var databaseTableName: String { RecordCodingTests.table(T.self) }
    }

    static func table<T>(_ type: T.Type) -> String {
        switch String(describing: type) {
        case "Person": "person"
        case "Employer": "employer"
        case "OperatorAccount": "operator"
        case "Enrolment": "enrolment"
        case "ContributionBase": "contributionBase"
        case "ContributionCharge": "contribution"
        case "ContributionPayment": "contributionPayment"
        case "PolicyAmendment": "policyPeriod"
        case "WageDeclaration": "wageDeclaration"
        case "DirectSettlement": "directSettlement"
        case "Receipt": "receipt"
        case "Claim": "claim"
        case "ClaimBill": "claimBill"
        case "PaymentOrder": "paymentOrder"
        case "TrainingCastEntry": "trainingCast"
        case "TrainingAttempt": "trainingAttempt"
        case "AuditRecord": "audit"
        default: fatalError("no table for \(type)")
        }
    }

    /// A fresh, migrated, empty store file opened without foreign keys (records are checked one table at a time).
    static func emptyStore() throws -> DatabaseQueue {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ow-coding-\(UUID().uuidString).sqlite").path
        try Store(path: path).close()
        var config = Configuration()
        config.foreignKeysEnabled = false
        return try DatabaseQueue(path: path, configuration: config)
    }

    static func json<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONDecoder().decode(T.self, from: Data(text.utf8)) }

    static let day = CalendarDate(year: 2026, month: 3, day: 9)!
    static let lina = CitizenID(trusted: "110105199003070025")
    static let code = CreditCode(trusted: "91120116MA05XXXX0J")

    /// Writes `values` through GRDB into one store and through the executor into another, then checks:
    /// the two tables hold the same rows (values and storage types), and both readers read both back as
    /// `values` (with the ids the rows got).
    func roundTrip<T: Codable & Equatable>(_ values: [T], id: WritableKeyPath<T, Int64?>? = nil) throws {
        let table = Self.table(T.self)
        let byGRDB = try Self.emptyStore(), byExecutor = try Self.emptyStore()
        try byGRDB.write { db in for v in values { try GRDBRecord(v).insert(db) } }
        var expected = values
        try byExecutor.write { db in
            let sql = SQLiteExecutor(db)
            for i in expected.indices {
                if let id {
                    expected[i][keyPath: id] = try sql.insertReturningID(expected[i], into: table)
                } else {
                    try sql.insert(expected[i], into: table)
                }
            }
        }
        let dump = "SELECT * FROM \(table) ORDER BY rowid"
        let typed = { (db: Database) in try Row.fetchAll(db, sql: dump).map { "\($0)" } }
        let rowsGRDB = try byGRDB.read(typed), rowsExecutor = try byExecutor.read(typed)
        #expect(rowsGRDB == rowsExecutor)
        #expect(rowsGRDB.count == values.count)
        for queue in [byGRDB, byExecutor] {
            #expect(try queue.read { db in try SQLiteExecutor(db).fetchAll(T.self, dump) } == expected)
            #expect(try queue.read { db in try GRDBRecord<T>.fetchAll(db, sql: dump).map(\.value) } == expected)
        }
    }

    static func claim(flags: [RiskFlagHit], note: String?) throws -> Claim {
        let gestation = try Gestation(start: CalendarDate(year: 2025, month: 6, day: 1)!, end: day)
        let event = try MaternityEvent(date: day, birth: Birth(babies: 2, delivery: .caesarean, dystocia: true, gestation: gestation),
                                       operations: [.tubalLigation])
        var claim = Claim(receiptNo: ReceiptNumber(date: day, sequence: 7), kind: .allowance, personID: 1, insuredID: 2,
                          employerCode: note == nil ? nil : code.value, region: "tianjin", event: event, allowanceDays: note == nil ? nil : 128,
                          amount: Money(fen: 1_234_567),
                          computation: [ComputationLine(Message("out.claim.days", texts: "98", "a/b \"q\" 天"), 98, unit: .days),
                                        ComputationLine(Message("out.claim.refused", [.message(Message("x"))]), unit: .heading,
                                                        confirmed: false, severity: .refusal)],
                          flags: flags, deferred: note != nil, payableFrom: note == nil ? nil : YearMonth(year: 2026, month: 5),
                          payee: .person, payeeName: "李娜", account: try BankAccount("6222 0200 1234 5678 901"),
                          submittedBy: "clerk", submittedOn: day)
        if let note {
            claim.status = .rejected
            claim.decidedBy = "sup"
            claim.decidedOn = day.description
            claim.rejectReason = RejectReason.allCases.first
            claim.note = note
        }
        return claim
    }

    @Test("Every Core record: GRDB and the executor write the same row, and each reads the other's back equal")
    func everyRecord() throws {
        try roundTrip([Person(id: Self.lina, name: "李娜", region: "tianjin")], id: \.id)
        try roundTrip([Employer(code: Self.code, name: "天津某某科技有限公司", region: "tianjin", kind: .enterprise, unifiedFrom: nil),
                       Employer(code: CreditCode(trusted: "91120116MA05XXXX1J"), name: "B", region: "beijing", kind: .enterprise,
                                unifiedFrom: YearMonth(year: 2025, month: 7))])
        var disabled = OperatorAccount(name: "bob", role: .supervisor, passwordHash: "scrypt$x/y")
        disabled.disabled = true
        disabled.failedSignOns = 3
        try roundTrip([OperatorAccount(name: "ann", role: .clerk, passwordHash: "h"), disabled], id: \.id)
        let from = YearMonth(year: 2024, month: 1)!
        try roundTrip([Enrolment(personID: 1, period: EnrolmentPeriod(scheme: .medical, category: .employee, employer: Self.code,
                                                                      region: "tianjin", from: from)),
                       Enrolment(personID: 1, period: EnrolmentPeriod(scheme: .maternity, category: PersonCategory.allCases.last!,
                                                                      employer: nil, region: "tianjin", from: from,
                                                                      to: YearMonth(year: 2025, month: 2), endReason: EndReason.allCases.first))],
                      id: \.id)
        try roundTrip([ContributionBase(personID: 1, from: from, base: Money(fen: 800_000))])
        try roundTrip([try Self.json(ContributionCharge.self, """
            {"personID":1,"month":"2026-01","item":"individualMedical","payer":"person:110105199003070025","employerCode":null,
             "region":"tianjin","baseFen":800000,"rateBp":200,"amountFen":16000,"maternityFen":0}
            """)], id: \.id)
        try roundTrip([ContributionPayment(payer: .person(Self.lina), month: from, amount: Money(fen: 16000), paidOn: Self.day)], id: \.id)
        try roundTrip([PolicyAmendment(region: "tianjin", from: from, contributionJSON: "{\"a\":[1,2]}", addedBy: "sup")], id: \.id)
        try roundTrip([WageDeclaration(employer: Self.code, year: 2025, wage: Money(fen: 900_000))])
        try roundTrip([DirectSettlement(hospital: "H1", billNo: "B1", person: Self.lina, settledOn: Self.day, amount: Money(fen: 5))], id: \.id)
        try roundTrip([Receipt(receiptNo: ReceiptNumber(date: Self.day, sequence: 1), personID: 1, submittedOn: Self.day,
                               submittedBy: "clerk", newborns: 2)])
        try roundTrip([try Self.claim(flags: [RiskFlagHit(.sharedAccount, Message("riskFlag.detail", texts: "****8901"))], note: "退回/补件"),
                       try Self.claim(flags: [], note: nil)], id: \.id)
        try roundTrip([try Self.json(ClaimBill.self, """
            {"claimID":1,"hospital":"H1","billNo":"B/1","item":"drug","actualFen":100,"paidFen":90}
            """)], id: \.id)
        var claim = try Self.claim(flags: [], note: nil)
        claim.id = 1
        var failed = PaymentOrder(claim: claim, account: claim.account, createdOn: Self.day, reissueOf: 3)
        failed.status = .failed
        failed.failedOn = Self.day.description
        failed.failure = "账户已销户"
        try roundTrip([PaymentOrder(claim: claim, account: claim.account, createdOn: Self.day), failed], id: \.id)
        try roundTrip([TrainingCastEntry(role: "newEmployee", json: "{\"b\":1,\"a\":\"x/y\"}")])
        try roundTrip([TrainingAttempt(operator: "t1", exercise: "ex1", at: "2026-03-09T01:02:03.004Z", passed: true, points: 3, answer: nil),
                       TrainingAttempt(operator: "t1", exercise: "ex2", at: "2026-03-09T01:02:04.004Z", passed: false, points: 0,
                                       answer: "账户/错误")], id: \.id)
        try roundTrip([try Self.json(AuditRecord.self, """
            {"seq":1,"at":"2026-03-09T01:02:03.004Z","operator":"root","action":"init","entity":"store","beforeJSON":null,
             "afterJSON":"{\\"a\\":1}","prevHash":"0","hash":"1"}
            """)])
    }

    @Test("JSON columns are GRDB's text: keys sorted, slashes escaped; a Bool is the integer 0/1")
    func columnConventions() throws {
        let columns = try SQLRecordCoding.encode(try Self.claim(flags: [], note: "n"))
        let value = { (name: String) in columns.first { $0.name == name }?.value }
        #expect(value("flags") == .text("[]"))
        #expect(value("deferred") == .bool(true))
        #expect(value("receiptNo") == .text("SY20260309-0007"))
        #expect(value("account") == .text("6222020012345678901"))
        #expect(value("decidedBy") == .text("sup"))
        #expect(value("id") == .null)
        guard case .text(let computation)? = value("computation") else { Issue.record("computation is not text"); return }
        #expect(computation.contains(#""a\/b"#))
        #expect(computation.hasPrefix(#"[{"amount":98,"confirmed":true,"rule":{"args":"#))
        let queue = try Self.emptyStore()
        try queue.write { db in
            var op = OperatorAccount(name: "x", role: .clerk, passwordHash: "h")
            op.disabled = true
            _ = try SQLiteExecutor(db).insertReturningID(op, into: "operator")
            #expect(try String.fetchOne(db, sql: "SELECT typeof(disabled) || ':' || disabled FROM operator") == "integer:1")
        }
    }

    @Test("A bad stored enum, month, receipt number or event throws a DecodingError naming the column; nothing crashes")
    func badStoredValues() throws {
        let queue = try Self.emptyStore()
        try queue.write { db in
            let sql = SQLiteExecutor(db)
            var claim = try Self.claim(flags: [], note: nil)
            claim.id = try sql.insertReturningID(claim, into: "claim")
            func failure(_ update: String) throws -> String {
                try db.execute(sql: "SAVEPOINT bad")
                defer { try? db.execute(sql: "ROLLBACK TO bad; RELEASE bad") }
                try db.execute(sql: update)
                do {
                    _ = try sql.fetchAll(Claim.self, "SELECT * FROM claim")
                    return "no error"
                } catch let error as DecodingError {
                    guard case .dataCorrupted(let context) = error else { return "\(error)" }
                    return context.debugDescription
                }
            }
            #expect(try failure("UPDATE claim SET status = 'bogus'").hasPrefix("column status: stored value 'bogus' is not a valid ClaimStatus"))
            #expect(try failure("UPDATE claim SET receiptNo = 'SY2026'").hasPrefix("column receiptNo: stored value 'SY2026' is not a valid ReceiptNumber"))
            #expect(try failure("UPDATE claim SET event = '{\"date\":\"2026-03-09\",\"operations\":[]}'")
                .hasPrefix("column event: stored value"))
            #expect(try failure("UPDATE claim SET flags = 'not json'").hasPrefix("column flags: stored value 'not json'"))
            #expect(try failure("UPDATE claim SET amountFen = 'x'").contains("amountFen"))
            #expect(try sql.fetchAll(Claim.self, "SELECT * FROM claim") == [claim])

            try db.execute(sql: """
                INSERT INTO enrolment (personID, scheme, category, employerCode, region, fromMonth) VALUES (1, 'medical', 'employee', NULL, 't', '2026-13')
                """)
            #expect(throws: DecodingError.self) { _ = try sql.fetchAll(Enrolment.self, "SELECT * FROM enrolment") }
            let month = try sql.rows("SELECT '2026-13' AS m, '2026-02' AS ok")[0]
            #expect(try month.decode("ok", as: YearMonth.self) == YearMonth(year: 2026, month: 2))
            #expect(throws: DecodingError.self) { _ = try month.decode("m", as: YearMonth.self) }
            #expect(throws: DecodingError.self) { _ = try month.decode("missing", as: String.self) }
        }
    }

    @Test("Reading 5,000 claims through the executor costs about what GRDB's Codable records did (printed, not asserted)")
    func listSpeed() throws {
        let queue = try Self.emptyStore()
        let claim = try Self.claim(flags: [RiskFlagHit(.sharedAccount, Message("riskFlag.detail", texts: "****8901"))], note: "n")
        try queue.write { db in
            let sql = SQLiteExecutor(db)
            for _ in 0..<5_000 { _ = try sql.insertReturningID(claim, into: "claim") }
        }
        let query = "SELECT * FROM claim WHERE status = ? ORDER BY id"
        func time(_ body: () throws -> Int) rethrows -> (Double, Int) {
            let start = DispatchTime.now().uptimeNanoseconds
            var n = 0
            for _ in 0..<3 { n = try body() }
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 3e6, n)
        }
        let grdb = try queue.read { db in
            try time { try GRDBRecord<Claim>.fetchAll(db, sql: query, arguments: ["rejected"]).count }
        }
        let executor = try queue.read { db in
            try time { try SQLiteExecutor(db).fetchAll(Claim.self, query, ["rejected"], cached: true).count }
        }
        #expect(grdb.1 == 5_000 && executor.1 == 5_000)
        print("5,000 claims: GRDB \(Int(grdb.0)) ms, executor \(Int(executor.0)) ms (this build)")
    }
}
