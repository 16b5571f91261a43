import ArgumentParser
import OneWindowCore
import OneWindowService
import OneWindowStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self, Anchor.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the keyed hash chain; exit 1 if any row was changed or deleted.",
            discussion: "With --anchor SEQ:HASH (as `audit anchor` printed it earlier, kept away from the store) it also "
                + "proves that no row up to that one was rewritten, even by someone holding the key.")
        @OptionGroup var common: CommonOptions
        @Option(help: "A head kept from `audit anchor`: SEQ:HASH.") var anchor: String?
        func run() throws {
            try common.report {
                let kept = try anchor.map { text in
                    guard let a = AuditAnchor.parse(text) else { throw FieldError(.auditAnchor, "reason.auditAnchor") }
                    return a
                }
                let result = try AuditService(try common.signOn()).verify(anchor: kept)
                if result.isIntact {
                    common.say(kept == nil ? "out.audit.intact" : "out.audit.intactAnchor", String(result.rows), kept.map { String($0.seq) } ?? "")
                    return
                }
                for p in result.problems {
                    switch p {
                    case .keyMissing(let path): common.say("out.audit.keyMissing", path)
                    case .notKeyed: common.say("out.audit.notKeyed")
                    default: continue
                    }
                }
                common.say("out.audit.broken", String(result.rows), result.problems.map(\.description).joined(separator: " "))
                throw ExitCode(1)
            }
        }
    }

    struct Anchor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the chain's head (SEQ:HASH) to keep away from the store, e.g. on paper each week.")
        @OptionGroup var common: CommonOptions
        func run() throws {
            try common.report {
                guard let head = try AuditService(try common.signOn()).anchor() else { throw DomainError("error.audit.empty") }
                common.say("out.audit.anchor", head.description, head.at ?? "")
            }
        }
    }
}
