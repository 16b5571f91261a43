import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

/// Options every command takes: where the store is, who is acting, which language to answer in.
struct CommonOptions: ParsableArguments {
    @Option(help: "Store file, or postgresql://… for a database server (default: $ONEWINDOW_STORE, else the per-user data folder).")
    var store: String?

    @Option(name: .customLong("operator"), help: "Operator name for this command.")
    var operatorName: String?

    @Option(help: "Language of messages: zh (default) or en.")
    var lang: String?

    var env: [String: String] { ProcessInfo.processInfo.environment }

    var storePath: String {
        if let store, !store.isEmpty { return store }
        if let s = env["ONEWINDOW_STORE"], !s.isEmpty { return s }
        return (DataFolder.path as NSString).appendingPathComponent("onewindow.sqlite")
    }

    var strings: StringTable {
        // The string tables ship with the program; without them nothing can be said, so stop loudly.
        do { return try StringTable(language: Language.resolve(lang)) } catch {
            fatalError("string table missing from the resource bundle: \(error)")
        }
    }

    /// Opens the store and signs the operator on (password from $ONEWINDOW_PASSWORD or the terminal).
    func signOn() throws -> ServiceContext {
        let store = try StoreSetup.open(path: storePath)
        guard let name = operatorName ?? env["ONEWINDOW_OPERATOR"], !name.isEmpty else {
            throw FieldError(.operatorName, "reason.required")
        }
        let password = try Password.read(prompt: strings("prompt.password", name), env: "ONEWINDOW_PASSWORD")
        return try StoreSetup.signOn(store: store, name: name, password: password)
    }

    /// Runs a command body; a user-facing error becomes one line on stderr in the chosen language
    /// and a non-zero exit (2 for a bad field, 1 for a refused operation). Nothing is written on error.
    func report(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as UserFacingError {
            throw Self.fail(e, strings)
        }
    }

    /// The one way a command reports a user-facing error: `printError` with the rendered message,
    /// and the exit code to throw (2 for a bad field, 1 for a refused operation). For commands that
    /// load their own string table (`bench`, `demo`); the others go through `report`.
    static func fail(_ error: UserFacingError, _ strings: StringTable) -> ExitCode {
        printError(strings.render(error.message), strings)
        return ExitCode(error is FieldError ? 2 : 1)
    }

    /// One error line on stderr: the error prefix, then `message` (already in the chosen language). What the
    /// user typed may be echoed in it, so hidden characters are written out (`\u{1B}`), never sent raw.
    static func printError(_ message: String, _ strings: StringTable) {
        FileHandle.standardError.write(Data((strings("out.errorPrefix") + FreeText.visible(message) + "\n").utf8))
    }

    func say(_ key: String, _ texts: String...) {
        print(strings.render(Message(key, texts.map { .text($0) })))
    }
}

enum Password {
    /// From the environment variable, else a no-echo prompt on the terminal. With neither (CI, a pipe),
    /// a clear error instead of a hang.
    static func read(prompt: String, env name: String) throws -> String {
        if let p = ProcessInfo.processInfo.environment[name], !p.isEmpty { return p }
        guard isatty(STDIN_FILENO) == 1, let raw = getpass(prompt) else {
            throw DomainError("error.password.unavailable", texts: name)
        }
        return String(cString: raw)
    }
}
