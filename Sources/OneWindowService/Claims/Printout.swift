import Foundation
import OneWindowStore

/// Paper the counter hands over (receipts, one-time notifications), printed as text files into one
/// folder. A training store's files are marked in their name, so one is never mistaken for (or
/// overwrites) a real one.
public enum Printout {
    /// `receipts/` next to the store file, so printed papers stay with the office's data; for a store on
    /// a database server, the counter's own data folder (`$XDG_DATA_HOME/onewindow/receipts`): paper is
    /// printed where the counter stands.
    public static func folder(storePath: String) -> URL {
        guard StoreLocation.isPostgres(storePath) else {
            return URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("receipts", isDirectory: true)
        }
        return URL(fileURLWithPath: DataFolder.path).appendingPathComponent("receipts", isDirectory: true)
    }

    /// `<folder>/<name>.txt`, or `<name>-TRAINING.txt` on a training store.
    public static func file(_ name: String, training: Bool, in folder: URL) -> URL {
        folder.appendingPathComponent(name + (training ? "-TRAINING" : "") + ".txt")
    }

    /// Writes `text` (and a final newline) to `file(name, training:, in:)`, creating the folder; returns where.
    @discardableResult
    public static func write(_ text: String, name: String, training: Bool, in folder: URL) throws -> URL {
        let url = file(name, training: training, in: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
