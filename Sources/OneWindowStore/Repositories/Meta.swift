/// The store's own settings (mode, agency region, a sandbox's seed…), one text value per key.
public struct Meta {
    let sql: any SQLExecutor

    public func get(_ key: String) throws -> String? {
        try sql.scalar(String.self, "SELECT value FROM meta WHERE key = ?", [.text(key)], cached: true)
    }

    /// Sets `key`, replacing its value if it had one.
    public func set(_ key: String, _ value: String) throws {
        try sql.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [.text(key), .text(value)], cached: true)
    }
}

extension StoreTx { public var meta: Meta { Meta(sql: sql) } }
