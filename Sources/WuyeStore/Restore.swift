import Foundation
import GRDB
import WuyeCore

/// `wuye restore FILE`: puts a backup in place of the store, all or nothing. The backup is
/// checked on a scratch copy first; the store it replaces is kept aside under a dated name
/// with its companion files; at every moment the data folder holds a whole store.
public enum Restore {
    public struct Result: Sendable {
        public var events: Int
        public var items: Int
        /// Where the replaced store was kept (nil when there was none).
        public var keptAside: String?
    }

    /// True when another process has the store at `path` open. Every SQLite connection to
    /// a WAL store holds a shared lock on one byte of its `-shm` file (the "DMS" byte,
    /// offset 128, in SQLite's unix VFS) for as long as it is open.
    public static func inUse(_ path: String) -> Bool {
        let fd = Foundation.open(path + "-shm", O_RDONLY)
        if fd < 0 { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    public static func restore(_ backup: String, home: String, actor: String?, now: Instant) throws(WuyeError) -> Result {
        let fm = FileManager.default
        guard fm.fileExists(atPath: backup) else { throw .notFound("cannot read \(backup); check the path") }
        let target = (home as NSString).appendingPathComponent(Schema.fileName)
        if inUse(target) {
            throw .storeUnusable(
                "another Wuye (a console or a command) has the store open; close it, then restore. Nothing was changed")
        }
        try? fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        LeftOvers.clean(in: home, prefix: ".restore-")
        let scratch = (home as NSString).appendingPathComponent(".restore-\(getpid())")
        try? fm.removeItem(atPath: scratch)
        defer { try? fm.removeItem(atPath: scratch) }
        let copy = (scratch as NSString).appendingPathComponent(Schema.fileName)
        do {
            try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try fm.copyItem(atPath: backup, toPath: copy)
            // A copy of a live store may come with its companion file.
            if fm.fileExists(atPath: backup + "-wal") { try fm.copyItem(atPath: backup + "-wal", toPath: copy + "-wal") }
        } catch {
            throw .storeUnusable("cannot copy \(backup) into \(home): \(error.localizedDescription)")
        }

        // The backup must be a whole, consistent Wuye store before anything is touched.
        let restored = try Store.open(home: scratch)
        let report = try restored.check()
        if !report.differences.isEmpty {
            throw WuyeError(
                .difference,
                "\(backup) does not pass the check (\(report.differences[0])); nothing was changed. Try an older backup")
        }
        // Who may restore: a supervisor of the store in place, or of the backup when the
        // store in place cannot be opened (the usual reason to restore).
        guard let actor else { throw .badInput("say who is restoring: give --as SUPERVISOR") }
        let current = fm.fileExists(atPath: target) ? try? Store.open(home: home) : nil
        let judge = current ?? restored
        try Permissions.requireSupervisor(try judge.staff(actor), "restore a backup")
        try restored.close()
        // Fold the current store's WAL into its main file, so that what is kept aside is
        // the main file alone whenever that store can still be opened.
        try? current?.close()

        var aside: String?
        if fm.fileExists(atPath: target) {
            let stamp = String(ISOFormat.string(now, in: .utc).prefix(19)).replacingOccurrences(of: ":", with: "") + "Z"
            let name = "\(target).before-restore-\(stamp)"
            guard link(target, name) == 0 else {
                throw .storeUnusable(
                    "cannot keep the current store aside as \(name): \(String(cString: strerror(errno))); nothing was changed")
            }
            if fm.fileExists(atPath: target + "-wal") { _ = rename(target + "-wal", name + "-wal") }
            aside = name
        }
        guard rename(copy, target) == 0 else {
            throw .storeUnusable("cannot put the backup in place: \(String(cString: strerror(errno)))")
        }
        try? fm.removeItem(atPath: target + "-shm")
        try? fm.removeItem(atPath: target + "-wal")
        let fd = Foundation.open(home, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        let placed = try Store.open(home: home)
        try placed.checkpoint()
        return Result(events: report.events, items: report.items, keptAside: aside)
    }
}
