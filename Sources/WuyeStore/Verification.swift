import Foundation
import GRDB
import WuyeCore

/// Refusing to write into a damaged store, at a cost a command can afford.
///
/// Every Wuye writer leaves a stamp of the files as its commit left them (`wuye.sqlite-verified`:
/// identity, size and modification time of the main file and of its WAL). A writer that finds
/// the files as the last stamp says knows that only Wuye wrote since the store was last
/// verified, and checks just the tail of the journal and the rows it builds on. A writer that
/// finds them otherwise (changed by another program, copied in, damaged on disk and then
/// rewritten) first verifies the whole store: SQLite's `integrity_check`, and the journal's
/// hash chain from the first event, and FTS5's check of the search index. The stamp is only a cache: a missing or unreadable one
/// means "verify".
enum Verification {
    static func stampPath(_ store: String) -> String { store + "-verified" }

    /// What the files look like now.
    static func stamp(_ store: String) -> String {
        func part(_ p: String) -> String {
            var st = stat()
            guard stat(p, &st) == 0 else { return "-" }
            return "\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }
        return "wuye-verified 1 " + part(store) + " " + part(store + "-wal")
    }

    static func stampMatches(_ store: String) -> Bool {
        guard let saved = try? String(contentsOfFile: stampPath(store), encoding: .utf8) else { return false }
        return saved == stamp(store)
    }

    /// Records the files as a Wuye writer left them. Not synced: a stamp lost in a power
    /// cut only makes the next writer verify.
    static func record(_ store: String) {
        let path = stampPath(store)
        let work = path + ".\(getpid())"
        guard FileManager.default.createFile(atPath: work, contents: Data(stamp(store).utf8)) else { return }
        if rename(work, path) != 0 { unlink(work) }
    }

    static func forget(_ store: String) { unlink(stampPath(store)) }

    /// The whole store, before a write into files that Wuye did not leave as they are.
    static func verifyWhole(_ db: Database) throws {
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(5)")
        if integrity != ["ok"] { throw damaged("SQLite's integrity check: " + integrity.joined(separator: "; ")) }
        if let broken = try HashChain.verify(db) { throw damaged(broken) }
        if !ItemSearch.structureIsWhole(db) { throw damaged("the search index's structure") }
    }

    static func damaged(_ what: String) -> WuyeError {
        .storeUnusable(
            "the store is damaged (\(what)); nothing was written. Run 'wuye check' to see more, and restore a backup ('wuye restore FILE')"
        )
    }

    /// An item's row, verified against its own events and their hashes before a command
    /// builds on it.
    static func verifiedItem(_ db: Database, _ id: String) throws -> Item? {
        guard let row = try Store.item(db, id) else { return nil }
        let events = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(Store.eventColumns), hash FROM events WHERE subject = ? ORDER BY seq"), arguments: [id])
        var replayed: Item?
        for e in events {
            let f = try HashChain.Fields(e)
            let previous =
                f.seq == 1
                ? HashChain.genesis
                : try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM events WHERE seq = ?"), arguments: [f.seq - 1]) ?? ""
            guard let stored: String = e["hash"], stored == HashChain.hash(previous: previous, f) else {
                throw damaged("event \(f.seq), a step of \(id), does not match its hash")
            }
            replayed = ItemProjector.apply(replayed, try Store.decodeEvent(e), id: id)
        }
        guard replayed == row else { throw damaged("the row of \(id) differs from its journal") }
        return row
    }
}
