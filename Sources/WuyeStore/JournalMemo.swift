import Foundation
import GRDB
import WuyeCore

/// What one write transaction has learnt of the journal's end, so that a transaction
/// appending many events (an import, a batch) reads and verifies the tail once rather
/// than once per event: the hash and number the next event chains to, and the latest
/// closed month. It lives from the transaction's start to its end (`Store.write`); no
/// other process can write in between, since the transaction holds the write lock.
final class JournalMemo: @unchecked Sendable {
    /// The hash of the last event this transaction appended, and the number after it.
    var chained: (hash: String, next: Int64)?
    /// The latest closed month as read in this transaction (`.some(nil)`: none is closed);
    /// nil until read, and again after a management event, which may close one.
    var latestClosing: PeriodClosing??

    /// The tail, from what this transaction appended last, provided the journal still
    /// ends there (a savepoint rolled back would have removed it): one indexed read
    /// instead of reading and hashing the last two events again.
    func tail(_ db: Database) throws -> (hash: String, next: Int64)? {
        guard let c = chained else { return nil }
        let last = try db.int64("SELECT max(seq) FROM events")
        return last == c.next - 1 ? c : nil
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var open: [ObjectIdentifier: JournalMemo] = [:]

    static func begin(_ db: Database) {
        lock.withLock { open[ObjectIdentifier(db)] = JournalMemo() }
    }

    static func end(_ db: Database) {
        _ = lock.withLock { open.removeValue(forKey: ObjectIdentifier(db)) }
    }

    static func of(_ db: Database) -> JournalMemo? {
        lock.withLock { open[ObjectIdentifier(db)] }
    }
}
