import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Bank files: the batch of a payment run, and the bank's return file read back")
struct BankFileTests {
    /// A payee whose name needs CSV quoting: a comma and a quote.
    static let name = "王,\"薇\""
    static let account = try! BankAccount("6222 0200 1234 5678")

    /// Wei's birth bundle (allowance and medical costs) approved and paid today: two paid orders, by id.
    func paidRun() throws -> (Fixture, [PaymentOrder]) {
        let f = try Fixture().withEmployers()
        try f.paidUp(Fixture.wei, name: Self.name)
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        let bill = try MedicalBill(item: .delivery(.natural), hospital: "天津市妇产科医院", billNo: "B1", actual: yuan(3000))
        let r = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.wei, event: try Fixture.birth("2026-10-08"),
                                                              allowance: true, bills: [bill], account: Self.account))
        for c in r.claims { try ClaimService(f.supervisor).approve(c.claim.id!) }
        let run = try PaymentService(f.supervisor).run()
        let orders = try PaymentService(f.supervisor).orders(run.paid)
        #expect(orders.count == 2 && orders.allSatisfy { $0.status == .paid })
        return (f, orders)
    }

    func returnsFile(_ lines: String...) -> String { "\u{FEFF}参考号,状态,原因\r\n" + lines.map { $0 + "\r\n" }.joined() }

    @Test("The batch: each order paid that day with its reference, payee, full and masked account, amount, claim and receipt")
    func batch() throws {
        let (f, orders) = try paidRun()
        let lines = try PaymentService(f.supervisor).bankBatch(paidOn: Fixture.today)
        #expect(lines.map(\.orderID) == orders.map { $0.id! })
        #expect(lines.map(\.reference) == orders.map { "OW\($0.id!)" })
        #expect(lines.allSatisfy { $0.payeeName == Self.name && $0.account.value == "6222020012345678" && $0.status == .paid })
        #expect(lines.map(\.amount) == orders.map(\.amount) && lines.map(\.claimID) == orders.map(\.claimID))
        #expect(Set(lines.map(\.receiptNo.value)) == ["SY20261122-0001"])
        let rows = lines.map(BankFileFormat.batchRow)
        #expect(rows[0][2] == "6222020012345678" && rows[0][3] == "****5678" && rows[0][4] == orders[0].amount.yuanText)
        #expect(!rows[0][4].contains(","))
    }

    @Test("The batch file: the payee with a comma and a quote round-trips through RFC 4180 quoting, BOM first")
    func batchFileRoundTrip() throws {
        let (f, _) = try paidRun()
        let lines = try PaymentService(f.supervisor).bankBatch(paidOn: Fixture.today)
        let data = try CSVFile.data(header: BankFileFormat.batchHeader, rows: lines.map(BankFileFormat.batchRow))
        #expect(Array(data.prefix(3)) == CSVFile.bom)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(",\"王,\"\"薇\"\"\",6222020012345678,****5678,"))
        let back = try CSVFile.records(text)
        #expect(back.header == ["参考号", "收款人", "账号", "账号（脱敏）", "金额（元）", "申领号", "回执号"])
        #expect(back.rows == lines.map(BankFileFormat.batchRow) && back.rows.allSatisfy { $0[1] == Self.name })
    }

    @Test("An export is audited: who, which day, how many, how much, never the account; an empty or future day is refused")
    func batchAudited() throws {
        let (f, orders) = try paidRun()
        _ = try PaymentService(f.supervisor).bankBatch(paidOn: Fixture.today)
        let row = try #require(try f.store.read { tx in try tx.auditRecords.with(action: "payment.export") }.last)
        let after = try JSONDecoder().decode([String: String].self, from: Data((row.afterJSON ?? "").utf8))
        #expect(row.operator == "supervisor" && after["date"] == "2026-11-22" && after["orders"] == "2")
        #expect(after["totalFen"] == String(orders.reduce(0) { $0 + $1.amountFen }))
        #expect(!(row.afterJSON ?? "").contains("6222020012345678") && !(row.afterJSON ?? "").contains("12345678"))
        let audit = try f.auditCount()
        let yesterday = try CalendarDate.parse("2026-11-21")
        #expect(throws: DomainError("error.bank.nothingPaid", texts: "2026-11-21")) {
            _ = try PaymentService(f.supervisor).bankBatch(paidOn: yesterday)
        }
        #expect(throws: FieldError(.date, "reason.date.future", texts: "2026-11-23")) {
            _ = try PaymentService(f.supervisor).bankBatch(paidOn: try CalendarDate.parse("2026-11-23"))
        }
        #expect(try f.auditCount() == audit)
        #expect(throws: DomainError.self) { _ = try PaymentService(f.clerk).bankBatch(paidOn: Fixture.today) }
        #expect(throws: DomainError.self) { _ = try PaymentService(f.clerk).importReturns(returnsFile("OW1,成功,")) }
    }

    @Test("A failed line returns the order: failed with the bank's reason, its claim approved again, the ledger's reversal; a success line changes nothing")
    func importFailedLine() throws {
        let (f, orders) = try paidRun()
        let (bounced, fine) = (orders[0], orders[1])
        let r = try PaymentService(f.supervisor).importReturns(returnsFile("OW\(bounced.id!),失败,账户已销户", "OW\(fine.id!),成功,"))
        #expect(r.changed && r.returned.map(\.orderID) == [bounced.id!] && r.succeeded.map(\.orderID) == [fine.id!] && r.alreadyReturned.isEmpty)
        #expect(r.returnedTotal == bounced.amount && r.succeededTotal == fine.amount && r.returned[0].reason == "账户已销户")
        let now = try PaymentService(f.supervisor).orders([bounced.id!, fine.id!])
        #expect(now[0].status == .failed && now[0].failure == "账户已销户" && now[0].failedOn == "2026-11-22" && now[0].paidOn == "2026-11-22")
        #expect(now[1] == fine)
        #expect(try ClaimLookup(f.clerk).claim(bounced.claimID).claim.status == .approved)
        #expect(try ClaimLookup(f.clerk).claim(fine.claimID).claim.status == .paid)
        let fund = FundService(f.supervisor)
        let entries = try fund.entries(month: month("2026-11"))
        let reversal = try #require(entries.first { $0.source == .orderReturned })
        let original = try #require(entries.first { $0.id == reversal.reversalOf })
        #expect(reversal.ref == String(bounced.id!) && original.source == .orderPaid && original.lines.reversed == reversal.lines)
        let check = try fund.check()
        #expect(check.allSatisfy { $0.ok }, "\(check.filter { !$0.ok }.map(\.message))")
        let actions = try f.store.read { tx in try tx.auditRecords.all() }.suffix(5).map(\.action)
        #expect(actions.contains("payment.returned") && actions.contains("claim.unpaid") && actions.contains("payment.returnsImport"))
        #expect(try PaymentService(f.supervisor).reissue(bounced.id!) > fine.id!)
    }

    @Test("Importing the same file again changes nothing, writes nothing, and reports the order as already returned")
    func reimport() throws {
        let (f, orders) = try paidRun()
        let file = returnsFile("OW\(orders[0].id!),失败,户名不符", "OW\(orders[1].id!),成功,")
        _ = try PaymentService(f.supervisor).importReturns(file)
        let (audit, entries) = (try f.auditCount(), try f.count("ledgerEntry"))
        let before = try PaymentService(f.supervisor).orders(orders.map { $0.id! })
        let again = try PaymentService(f.supervisor).importReturns(file)
        #expect(!again.changed && again.returned.isEmpty)
        #expect(again.alreadyReturned.map(\.orderID) == [orders[0].id!] && again.alreadyReturned[0].reason == "户名不符")
        #expect(again.succeeded.map(\.orderID) == [orders[1].id!] && again.alreadyReturnedTotal == orders[0].amount)
        #expect(try f.auditCount() == audit && f.count("ledgerEntry") == entries)
        #expect(try PaymentService(f.supervisor).orders(orders.map { $0.id! }) == before)
    }

    /// Bad files, each after a valid failed line for the first order (so a partial import would show), with the
    /// physical line the error must name.
    static let badFiles: [(String, String, Int, Field?, String)] = [
        ("unknown reference", "OW999,失败,账户已销户", 3, .bankReference, "reason.bank.unknownOrder"),
        ("not our reference", "12,成功,", 3, .bankReference, "reason.bank.reference"),
        ("failed without a reason", "OW{2},失败,  ", 3, .bankReason, "reason.required"),
        ("unknown status", "OW{2},退票,", 3, .bankStatus, "reason.bank.status"),
        ("too few columns", "OW{2},成功", 3, nil, "reason.bank.columns"),
        ("the same reference twice", "OW{1},失败,再次", 3, .bankReference, "reason.bank.duplicate"),
        ("a quoted line break moves the next line down", "OW{2},成功,\"两行\r\n备注\"\r\nOW998,成功,", 5, .bankReference, "reason.bank.unknownOrder"),
        ("a blank line still counts", "\r\nOW997,成功,", 4, .bankReference, "reason.bank.unknownOrder"),
        ("an order never paid", "OW{3},成功,", 3, .bankReference, "reason.bank.notPaid"),
    ]

    @Test("A bad line refuses the whole file, naming its physical line and field; nothing is written", arguments: badFiles.indices)
    func badLine(_ i: Int) throws {
        let (_, line, number, field, reason) = Self.badFiles[i]
        let (f, orders) = try paidRun()
        // A pending order (approved after the run) for "never paid".
        let r = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.wei, event: try MaternityEvent(
            date: try CalendarDate.parse("2026-11-02"), operations: [.iudInsertion]), allowance: false,
            bills: [try MedicalBill(item: .operation(.iudInsertion), hospital: "天津市妇产科医院", billNo: "B9", actual: yuan(200))],
            account: Self.account), allowDuplicate: true)
        try ClaimService(f.supervisor).approve(r.claims[0].claim.id!)
        let pending = try #require(try PaymentService(f.supervisor).list(status: .pending).first?.order.id)
        let text = line.replacingOccurrences(of: "{1}", with: String(orders[0].id!)).replacingOccurrences(of: "{2}", with: String(orders[1].id!))
            .replacingOccurrences(of: "{3}", with: String(pending))
        let audit = try f.auditCount()
        do {
            _ = try PaymentService(f.supervisor).importReturns(returnsFile("OW\(orders[0].id!),失败,账户已销户", text))
            Issue.record("accepted: \(Self.badFiles[i].0)")
        } catch let e as FieldError {
            #expect(e.field == .bankFile)
            #expect(e.reason.key == (field == nil ? "reason.bank.lineOnly" : "reason.bank.line"))
            #expect(e.reason.args.first == .text(String(number)), "\(e.reason)")
            if let field { #expect(e.reason.args[1] == .message(Message(field.messageKey))) }
            guard case .message(let inner)? = e.reason.args.last else { Issue.record("no reason in \(e.reason)"); return }
            #expect(inner.key == reason)
        }
        #expect(try f.auditCount() == audit)
        #expect(try PaymentService(f.supervisor).orders([orders[0].id!])[0].status == .paid)
    }

    @Test("A wrong header, an empty file, another amount or a success for an order recorded as returned refuse the file; nothing written")
    func wholeFileRefused() throws {
        let (f, orders) = try paidRun()
        let (a, b) = (orders[0], orders[1])
        let audit = try f.auditCount()
        let service = PaymentService(f.supervisor)
        #expect(throws: FieldError(.bankFile, "reason.bank.header", texts: "ref,status,reason", "参考号,状态,原因[,金额（元）] / reference,status,reason[,amount]")) {
            _ = try service.importReturns("ref,status,reason\r\nOW\(a.id!),failed,closed\r\n")
        }
        #expect(throws: FieldError(.bankFile, "reason.bank.empty")) { _ = try service.importReturns(returnsFile("", "")) }
        let amount = "参考号,状态,原因,金额（元）\r\nOW\(a.id!),失败,账户已销户,\(a.amount.yuanText)\r\nOW\(b.id!),成功,,1.00\r\n"
        #expect(throws: FieldError(.bankFile, Message("reason.bank.line", [.text("3"), .message(Message(Field.amount.messageKey)),
                                                                          .message(Message("reason.bank.amountDiffers", texts: "1.00", "OW\(b.id!)", b.amount.yuanText))]))) {
            _ = try service.importReturns(amount)
        }
        #expect(try f.auditCount() == audit)
        // The English header with the amount column, an amount left empty: accepted.
        let english = try service.importReturns("reference,status,reason,amount\nOW\(a.id!),FAILED,closed,\(a.amount.yuanText)\nOW\(b.id!),success,,\n")
        #expect(english.returned.map(\.orderID) == [a.id!] && english.succeeded.map(\.orderID) == [b.id!])
        // Recorded as returned, yet the file says paid: the two disagree, so the file is refused.
        try service.markReturned(b.id!, reason: "户名不符")
        let after = try f.auditCount()
        #expect(throws: FieldError.self) { _ = try service.importReturns(returnsFile("OW\(b.id!),成功,")) }
        #expect(try f.auditCount() == after)
    }

    @Test("A file that is not UTF-8 (GBK) is refused naming its line and byte, not read with replacement characters")
    func notUTF8() throws {
        var data = Data("参考号,状态,原因\r\nOW1,".utf8)
        data.append(contentsOf: [0xCD, 0xCB, 0xC6, 0xB1])  // 退票 in GBK
        data.append(contentsOf: Array(",x\r\n".utf8))
        #expect(throws: FieldError(.bankFile, "reason.file.notUTF8", texts: "2", String(Data("参考号,状态,原因\r\nOW1,".utf8).count + 1))) {
            _ = try BankReturnFile.text(data)
        }
        #expect(try BankReturnFile.text(Data("\u{FEFF}参考号,状态,原因\r\n".utf8)).hasSuffix("原因\r\n"))
    }
}
