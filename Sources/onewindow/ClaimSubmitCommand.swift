import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowService

extension ClaimCommand {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File the allowance and/or medical-costs claim for an event and print the receipt (受理回执).",
            discussion: """
            --allowance files the maternity allowance; each --bill adds a bill to the medical-costs claim. \
            Both together, with --refer-newborns at a birth, is the birth bundle (出生一件事) on one receipt.

            A bill is one word, ITEM=YUAN@HOSPITAL#BILLNO, for example delivery=4200@天津市中心妇产科医院#FP0001. \
            ITEM is prenatal, delivery (the event's delivery type; or delivery.natural, delivery.assisted, \
            delivery.caesarean, delivery.caesareanWithOperation), miscarriage, iudInsertion, iudRemoval, \
            tubalLigation, vasectomy or recanalisation. Quote the bill if the hospital name has spaces.

            A claim for an event that already has a live or paid claim of the same kind for the person (a birth \
            less than 180 days from the earlier one) is refused with exit 1, naming the earlier receipt, so a retry \
            after a crash never files twice; --allow-duplicate files it anyway and the audit log records that.
            """)
        @OptionGroup var common: CommonOptions
        @Option(help: "Citizen ID of the claimant.") var id: String
        @OptionGroup var event: EventOptions
        @Flag(help: "Claim the maternity allowance (生育津贴).") var allowance = false
        @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A bill for the medical-costs claim (repeatable): ITEM=YUAN@HOSPITAL#BILLNO.", valueName: "bill"))
        var bill: [String] = []
        @Flag(help: "The hospital is grade 3 (三级): the region's co-pay applies.") var grade3 = false
        @Option(help: "For an unemployed spouse: the insured employee's citizen ID (then --id is the spouse; medical costs only).")
        var spouseOf: String?
        @Option(help: "The spouse's name, when she is not on file yet.") var name: String?
        @Option(help: "Who receives the allowance: person | employer (it advanced the wages).") var payee = "person"
        @Option(help: "The claimant's bank account (digits).") var account: String?
        @Option(help: "The employer's bank account, with --payee employer.") var employerAccount: String?
        @Flag(help: "Record the newborns' referral for resident medical insurance (a birth).") var referNewborns = false
        @Flag(help: "File it although the event already has a live or paid claim of the same kind (recorded in the audit log).")
        var allowDuplicate = false
        @Option(help: "Also write the receipt to this file (UTF-8), for printing.") var receiptFile: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                // Say what is missing before anything else: a claim names at least one benefit.
                guard allowance || !bill.isEmpty else { throw FieldError(.claim, "reason.cli.nothingClaimed") }
                let ctx = try common.signOn()
                let today = ctx.clock.today
                let claimant = try Parse.id(id, today: today)
                let event = try event.event()
                let bills = try bill.map { try BillSpec($0, delivery: event.birth?.delivery, source: true).medicalBill() }
                let request = ClaimRequest(
                    claimant: claimant, spouseOf: try spouseOf.map { try Parse.id($0, today: today) }, claimantName: name,
                    event: event, allowance: allowance, bills: bills, grade3Hospital: grade3,
                    payee: try Parse.choice(payee, .payee), account: try BankAccount(account ?? ""),
                    employerAccount: try employerAccount.map(BankAccount.init), referNewborns: referNewborns)
                if let receiptFile { try Self.checkWritable(receiptFile) }
                let receipt: ReceiptView
                do { receipt = try ClaimService(ctx).submit(request, allowDuplicate: allowDuplicate) } catch let e as DuplicateClaimError {
                    // The counter asks; the command line names the way out instead.
                    throw DomainError(Message("error.cli.claim.duplicate", [.message(e.message)]))
                }
                let s = common.strings
                let text = ClaimText.receipt(receipt, s)
                if json { Output.json(ReceiptJSON(receipt, s)) } else { print(text) }
                if let receiptFile {
                    // The claim is filed and its receipt printed by now: a file that cannot be written
                    // after all is reported, and nothing is lost.
                    if !FileManager.default.createFile(atPath: receiptFile, contents: Data((text + "\n").utf8)) {
                        CommonOptions.printError(s("error.cli.fileUnwritable", receiptFile), s)
                    } else if !json {
                        print(s("out.cli.receiptFile", receiptFile))
                    }
                }
            }
        }

        /// Checked before the claim is filed, so a typo in the path does not leave a claim without its printout.
        static func checkWritable(_ path: String) throws {
            let fm = FileManager.default
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir) {
                guard !isDir.boolValue, fm.isWritableFile(atPath: path) else { throw DomainError("error.cli.fileUnwritable", texts: path) }
                return
            }
            let dir = (path as NSString).deletingLastPathComponent
            guard fm.isWritableFile(atPath: dir.isEmpty ? "." : dir) else { throw DomainError("error.cli.fileUnwritable", texts: path) }
        }
    }
}
