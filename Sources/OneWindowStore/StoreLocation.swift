import Foundation

/// Where a store is: a file path (SQLite) or a PostgreSQL URL (`postgresql://…` or `postgres://…`).
public enum StoreLocation {
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The location as screens, messages and the audit may show it: a URL's password taken out
    /// (`user:secret@` and a `password=` parameter).
    public static func shown(_ location: String) -> String {
        guard isPostgres(location), var parts = URLComponents(string: location) else { return location }
        if parts.password != nil { parts.password = nil }
        if let items = parts.queryItems, items.contains(where: { $0.name == "password" }) {
            parts.queryItems = items.filter { $0.name != "password" }
            if parts.queryItems?.isEmpty == true { parts.queryItems = nil }
        }
        return parts.string ?? "postgresql://…"
    }
}
