import Foundation

/// The operator's own data folder: `$XDG_DATA_HOME/onewindow`, else `~/.local/share/onewindow`. The default
/// store file lives there, and a counter on a database server prints its papers there.
public enum DataFolder {
    public static var path: String {
        let env = ProcessInfo.processInfo.environment
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("onewindow")
    }
}
