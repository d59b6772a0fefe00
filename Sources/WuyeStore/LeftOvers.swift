import Foundation

/// Work files that a killed process left behind: named `PREFIX<pid>`, they are removed
/// by the next run once that process is gone, so that they never block a name or fill a
/// folder.
enum LeftOvers {
    static func clean(in folder: String, prefix: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0 else { continue }
            if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { continue }
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The work name for `path` in this process: `.NAME.partial-<pid>` beside it.
    static func workName(for path: String) -> (folder: String, prefix: String, path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = "." + (path as NSString).lastPathComponent + ".partial-"
        return (
            folder.isEmpty ? "." : folder, prefix,
            ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(prefix + "\(getpid())")
        )
    }
}
