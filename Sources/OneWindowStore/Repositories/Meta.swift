import GRDB

/// The store's own settings (mode, agency region, a sandbox's seed…), one text value per key.
public struct Meta {
    let db: Database

    public func get(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    /// Sets `key`, replacing its value if it had one.
    public func set(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}

extension StoreTx { public var meta: Meta { Meta(db: db) } }
