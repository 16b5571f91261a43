import ArgumentParser
import OneWindowCore
import OneWindowService

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "List persons whose medical and maternity enrolments disagree; --fix aligns them.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Rewrite maternity from medical for every mismatch (supervisor, admin).") var fix = false
    @Flag var json = false

    func run() throws {
        try common.report {
            let service = ReconciliationService(try common.signOn())
            let found = fix ? try service.fixAll() : try service.mismatches()
            if json {
                Output.json(found.map { MismatchJSON(citizenID: $0.person.citizen.masked, name: $0.person.name,
                                                     missingMaternity: $0.mismatch.missingMaternity.map(\.description),
                                                     extraMaternity: $0.mismatch.extraMaternity.map(\.description), fixed: fix) })
                return
            }
            let s = common.strings
            Output.table([s("col.name"), s("col.citizenID"), s("col.missingMaternity"), s("col.extraMaternity")],
                         found.map { m in
                             let detail = m.mismatch.detailsOnly ? [s("out.sync.detailsDiffer"), ""]
                                 : [m.mismatch.missingMaternity.map(\.description).joined(separator: ","),
                                    m.mismatch.extraMaternity.map(\.description).joined(separator: ",")]
                             return [m.person.name, m.person.citizen.masked] + detail
                         })
            common.say(fix ? "out.reconcile.fixed" : "out.reconcile.found", String(found.count))
        }
    }
}

struct MismatchJSON: Encodable {
    let citizenID, name: String
    let missingMaternity, extraMaternity: [String]
    let fixed: Bool
}
