import Foundation
import OneWindowCore
import OneWindowStore

/// The trainee's sandbox: a training store of synthetic people in a per-user training folder, with a
/// trainee clerk and an instructor (supervisor) account and the exercises' cast. Created, opened and
/// reset only through here, and every path first asks `TrainingGuard` whether the file is a training
/// store, so a live store is never opened, reset or deleted by the training mode.
public enum Sandbox {
    public struct Account: Sendable, Equatable {
        public let name: String
        public let role: Role
    }

    /// The trainee clerk: clerk work, on training stores only.
    public static let trainee = Account(name: "trainee", role: .trainee)
    /// The instructor, or a trainee learning supervisor work: fixes and decisions.
    public static let instructor = Account(name: "instructor", role: .supervisor)
    public static let accounts = [trainee, instructor]
    /// The sandbox's own administrator, who seeds it; nobody signs on as it.
    static let admin = "sandbox"
    /// The accounts' password, printed in the README and never typed (the demo start screen signs on
    /// with one key). The sandbox holds only synthetic people, and trainees are refused on live stores.
    public static let password = "practice-only"
    public static let defaultSeed: UInt64 = 1
    public static let defaultPersons = 2_000
    /// The sandbox agency's region: where the exercises' employers are.
    static let region = "tianjin"

    /// `$XDG_DATA_HOME/onewindow/training/sandbox.sqlite` (else `~/.local/share/…`). Never `$ONEWINDOW_STORE`:
    /// that names the real store.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("onewindow/training/sandbox.sqlite")
    }

    /// What `onewindow demo` does before the terminal starts: creates the sandbox if there is none,
    /// else opens it (refusing anything but a training store), rebuilding it first with `reset`.
    /// A different `seed` than the sandbox's own needs `reset`, so nobody's practice is wiped by surprise.
    public static func prepare(path: String, seed: UInt64?, persons: Int?, reset: Bool,
                               clock: Clock = Clock()) throws -> Store {
        guard try Store.exists(at: path) else {
            return try create(path: path, seed: seed ?? defaultSeed, persons: persons ?? defaultPersons, clock: clock)
        }
        if reset {
            try TrainingGuard.requireTraining(path)
            guard let old = try? open(path: path, clock: clock) else {
                // A sandbox this version cannot open (made by another version, damaged): it is a training
                // store, so it is replaced, though its scores cannot be carried over.
                try removeFiles(path)
                return try create(path: path, seed: seed ?? defaultSeed, persons: persons ?? defaultPersons, clock: clock)
            }
            return try self.reset(old, seed: seed, persons: persons, clock: clock)
        }
        let store = try open(path: path, clock: clock)
        let info = try self.info(store)
        if let seed, seed != info.seed {
            try store.close()
            throw DomainError("error.sandbox.otherSeed", texts: path, "\(info.seed)", "\(seed)")
        }
        if let persons, persons != info.persons {
            try store.close()
            throw DomainError("error.sandbox.otherPersons", texts: path, "\(info.persons)", "\(persons)")
        }
        return store
    }

    /// Deletes a sandbox's files; only ever after the guard said it is a training store.
    static func removeFiles(_ path: String) throws { try Store.removeFiles(at: path) }

    /// A new sandbox at `path` (which must not exist), seeded and ready.
    public static func create(path: String, seed: UInt64, persons: Int = defaultPersons, clock: Clock = Clock()) throws -> Store {
        guard persons >= 1 else { throw DomainError("error.sandbox.persons") }
        let store = try StoreSetup.initialize(path: path, admin: admin, password: password, region: region,
                                              mode: .training, clock: clock)
        let ctx = try context(store, name: admin, role: .admin, clock: clock)
        // One scrypt hash for both accounts (they share the documented password): scrypt is slow on purpose.
        let hash = try PasswordHasher.hash(password)
        try ctx.write { tx, audit in
            for account in accounts {
                var row = OperatorAccount(name: account.name, role: account.role, passwordHash: hash)
                try tx.operators.insert(&row)
                audit.append(AuditEntry(action: "operator.add", entity: "operator:\(account.name)", before: nil as String?,
                                        after: row.audited))
            }
        }
        let plan = SyntheticPopulation.Plan.sandbox(seed: seed, persons: persons, anchor: clock.currentMonth)
        let summary = try SyntheticPopulation.populate(ctx, plan)
        try SyntheticFund(try context(store, name: instructor.name, role: instructor.role, clock: clock), plan).write()
        try store.write(operator: admin) { tx, audit in
            try tx.meta.set("sandbox.seed", "\(seed)")
            try tx.meta.set("sandbox.persons", "\(persons)")
            try tx.meta.set("sandbox.anchor", plan.anchor.description)
            try tx.meta.set("sandbox.mismatches", "\(summary.mismatchesPlanted)")
            audit.append(AuditEntry(action: "sandbox.ready", entity: "store",
                                    after: AuditEntry.json(["seed": "\(seed)", "persons": "\(persons)",
                                                            "anchor": plan.anchor.description])))
        }
        // The main file alone now says "training": the guard reads only that file.
        try store.checkpoint()
        return store
    }

    /// Opens an existing sandbox; anything that is not a training store is refused before it is opened.
    public static func open(path: String, clock: Clock = Clock()) throws -> Store {
        guard try Store.exists(at: path) else { throw DomainError("error.store.missing", texts: path) }
        try TrainingGuard.requireTraining(path)
        let store = try Store(path: path, now: clock.now)
        guard try store.meta("mode") == StoreMode.training.rawValue else {
            try store.close()
            throw DomainError("error.sandbox.notTraining", texts: path)
        }
        return store
    }

    /// Back to the seeded state: the file is replaced by a freshly seeded one (the audit log is
    /// append-only, so rows cannot be taken back in place). The trainees' scores are carried over, so
    /// a class can redo an exercise without losing what it passed. `store` is closed; use the result.
    public static func reset(_ store: Store, seed: UInt64? = nil, persons: Int? = nil, clock: Clock = Clock()) throws -> Store {
        let path = store.path
        guard try store.meta("mode") == StoreMode.training.rawValue else { throw DomainError("error.sandbox.notTraining", texts: path) }
        try TrainingGuard.requireTraining(path)
        let info = try self.info(store)
        let attempts = try store.read { tx in try tx.trainingAttempts.all() }
        try store.close()
        try removeFiles(path)
        let fresh = try create(path: path, seed: seed ?? info.seed, persons: persons ?? info.persons, clock: clock)
        if !attempts.isEmpty {
            try fresh.write(operator: admin) { tx, audit in
                for var a in attempts {
                    a.id = nil
                    try tx.trainingAttempts.insert(&a)
                }
                audit.append(AuditEntry(action: "sandbox.scoresKept", entity: "store",
                                        after: AuditEntry.json(["attempts": "\(attempts.count)"])))
            }
        }
        return fresh
    }

    public struct Info: Sendable, Equatable {
        public let seed: UInt64
        public let persons: Int
        public let anchor: YearMonth?
    }

    public static func info(_ store: Store) throws -> Info {
        Info(seed: UInt64(try store.meta("sandbox.seed") ?? "") ?? defaultSeed,
             persons: Int(try store.meta("sandbox.persons") ?? "") ?? defaultPersons,
             anchor: (try store.meta("sandbox.anchor")).flatMap { try? YearMonth.parse($0) })
    }

    /// Signs a sandbox account on, through the same audited sign-on as everyone.
    public static func signOn(_ store: Store, _ account: Account, clock: Clock = Clock()) throws -> ServiceContext {
        guard try store.meta("mode") == StoreMode.training.rawValue else { throw DomainError("error.sandbox.notTraining", texts: store.path) }
        return try StoreSetup.signOn(store: store, name: account.name, password: password, clock: clock)
    }

    static func context(_ store: Store, name: String, role: Role, clock: Clock) throws -> ServiceContext {
        ServiceContext(store: store, policies: try PolicyBook.load(store: store, shipped: StoreSetup.shippedPolicies()),
                       clock: clock, session: Session(operatorName: name, role: role, storeMode: .training,
                                                      agencyRegion: region))
    }
}
