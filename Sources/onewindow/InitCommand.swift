import ArgumentParser
import OneWindowCore
import OneWindowService
import OneWindowStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a store and its first admin.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Name of the first admin.") var admin: String
    @Option(help: "Region code of this agency (a file in Resources/policies).") var region = "national"
    @Flag(help: "Create a training store (trainees may work only in these).") var training = false

    func run() throws {
        try common.report {
            let password = try Password.read(prompt: common.strings("prompt.newPassword", admin), env: "ONEWINDOW_PASSWORD")
            _ = try StoreSetup.initialize(path: common.storePath, admin: admin, password: password, region: region,
                                          mode: training ? .training : .live)
            common.say(StoreLocation.isPostgres(common.storePath) ? "out.init.donePostgres" : "out.init.done",
                       StoreLocation.shown(common.storePath), admin, region)
        }
    }
}
