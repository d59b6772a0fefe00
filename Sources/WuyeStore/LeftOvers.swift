import Foundation

/// Work files that a killed process left behind: named `PREFIX<pid>`, they are removed
/// by the next run once that process is gone, so that they never block a name or fill a
/// folder.
enum LeftOvers {
    static func clean(in folder: String, prefix: String) {
        clean(in: folder) { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil }
    }

    /// Every backup work file (`.NAME.partial-<pid>`) in `folder` whose process is gone.
    static func cleanBackups(in folder: String) {
        clean(in: folder) { name in
            guard name.hasPrefix("."), let r = name.range(of: ".partial-", options: .backwards) else { return nil }
            return String(name[r.upperBound...])
        }
    }

    /// `pidOf` gives the pid part of a work file's name, or nil for other files.
    private static func clean(in folder: String, pidOf: (String) -> String?) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = pidOf(name).flatMap({ Int32($0) }), pid > 0 else { continue }
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
