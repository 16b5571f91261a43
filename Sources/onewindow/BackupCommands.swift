import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

/// Prints check lines, `✓`/`✗` and the line's message (the form of `fund check`).
private func printLines(_ lines: [StoreCheckLine], _ s: StringTable, indent: String = "") {
    for l in lines { print(indent + (l.ok ? "✓ " : "✗ ") + s.render(l.message)) }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole store, as it is at one instant, to a new file and check it (admin); counters may go on working.",
        discussion: "--to names a new file (never overwritten) or a folder (the file is onewindow-<date>-<time>.sqlite in it). "
            + "From PostgreSQL too the backup is one SQLite file; the README names pg_dump for the server's own routine. "
            + "Exit 1 if the written file does not check.")
    @Option(help: "The new backup file, or a folder for a dated one.") var to: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            let report = try BackupService(try common.signOn()).backup(to: to)
            printLines(report.lines, common.strings)
            guard report.verified else {
                common.say(report.removed ? "out.backup.removed" : "out.backup.unverified", report.path)
                throw ExitCode(1)
            }
            common.say("out.backup.done", report.path, String(report.bytes), String(report.snapshot.total), String(report.snapshot.auditSeq))
        }
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back as the store named by --store: a new file, a store file with --replace, or an empty PostgreSQL database (admin).",
        discussion: "The backup is checked first; nothing is written if it fails. A store file with data is replaced only with "
            + "--replace, when no counter has it open, and is kept beside as <store>.replaced-<time>; a PostgreSQL database must be "
            + "empty. The operator signs on to the backup (and to the store being replaced). Exit 1 if anything does not check.")
    @Option(help: "The backup file.") var from: String
    @Flag(help: "Replace a store file that has data (it is kept beside, renamed).") var replace = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            guard let name = common.operatorName ?? common.env["ONEWINDOW_OPERATOR"], !name.isEmpty else {
                throw FieldError(.operatorName, "reason.required")
            }
            let s = common.strings
            let password = try Password.read(prompt: s("prompt.password", name), env: "ONEWINDOW_PASSWORD")
            let report = try RestoreService.restore(from: from, to: common.storePath, replace: replace) { store in
                try StoreSetup.signOn(store: store, name: name, password: password)
            }
            common.say("out.restore.checkingBackup", report.from)
            printLines(report.before, s, indent: "  ")
            guard report.before.allOK else {
                common.say("out.restore.backupBad")
                throw ExitCode(1)
            }
            common.say("out.restore.checkingRestored", report.target)
            printLines(report.after, s, indent: "  ")
            if let kept = report.replacedKeptAt { common.say("out.restore.keptOld", kept) }
            guard report.verified else {
                common.say(report.written ? "out.restore.writtenUnverified" : "out.restore.notWritten", report.target)
                throw ExitCode(1)
            }
            common.say("out.restore.done", report.from, report.target, String(report.counts?.total ?? 0),
                       String(report.counts?.tables["audit"] ?? 0))
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: storage integrity, foreign keys, the audit chain, both schemes in step, the ledger (admin, supervisor).",
        discussion: "One line per check, ✓ or ✗; exit 0 when all pass, 1 otherwise. Reads only: safe on a store in use.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            let lines = try StoreCheckService(try common.signOn()).check()
            printLines(lines, common.strings)
            let bad = lines.filter { !$0.ok }.count
            if bad > 0 {
                common.say("out.check.failed", String(bad))
                throw ExitCode(1)
            }
            common.say("out.check.passed", String(lines.count))
        }
    }
}
