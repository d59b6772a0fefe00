import Foundation
import GRDB
import WuyeCore

/// Notices (`wuye watch`): each recorded once in the journal — its key is the primary key
/// of `notices`, so two watchers can never record the same moment twice — then delivered
/// or failed, attempt by attempt. Which watcher is delivering one is not history, so it
/// lives in `notice_claims`, outside the projections.
enum NoticeRows {
    /// Version 6 (December 2026).
    static let table = """
        CREATE TABLE IF NOT EXISTS notices (
            key TEXT PRIMARY KEY, site TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, at INTEGER NOT NULL,
            state TEXT NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER, channel TEXT, error TEXT, data TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS notices_due ON notices(state, next_at);
        CREATE TABLE IF NOT EXISTS notice_claims (key TEXT PRIMARY KEY, by TEXT NOT NULL, until INTEGER NOT NULL);
        """

    static func project(_ db: Database, _ e: Event, _ n: NoticeEvent) throws {
        switch n {
        case .recorded(let v):
            try db.execute(
                sql: """
                    INSERT INTO notices (key, site, kind, subject, at, state, attempts, next_at, data)
                    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                    """, arguments: [v.key, v.site, v.kind.rawValue, v.subject, v.at.seconds, e.recorded.seconds, try Store.encodeJSON(v)])
        case .delivered(let key, let channel):
            try db.execute(
                sql:
                    "UPDATE notices SET state = 'delivered', next_at = NULL, channel = ?, error = NULL, attempts = attempts + 1 WHERE key = ?",
                arguments: [channel, key])
        case .failed(let key, let channel, let error, let attempt, let retryAt):
            try db.execute(
                sql: "UPDATE notices SET state = 'failed', attempts = ?, next_at = ?, channel = ?, error = ? WHERE key = ?",
                arguments: [attempt, retryAt?.seconds, channel, error, key])
        }
    }
}

extension Store {
    /// A notice as the store keeps it: what it says, and how its delivery went.
    public struct NoticeRow: Sendable {
        public var notice: Notice
        /// `pending`, `delivered` or `failed`.
        public var state: String
        public var attempts: Int
        public var nextAt: Instant?
        public var channel: String?
        public var error: String?
    }

    static func noticeRow(_ r: Row) throws -> NoticeRow {
        NoticeRow(
            notice: try decode(Notice.self, r["data"]), state: r["state"], attempts: r["attempts"],
            nextAt: (r["next_at"] as Int64?).map { Instant(seconds: $0) }, channel: r["channel"], error: r["error"])
    }

    /// Records the notices not recorded yet, in one transaction; returns those it recorded.
    public func recordNotices(_ list: [Notice], actor: String, now: Instant) throws(WuyeError) -> [Notice] {
        guard !list.isEmpty else { return [] }
        return try write { db in
            var new: [Notice] = []
            for n in list {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM notices WHERE key = ?", arguments: [n.key]) == true { continue }
                try Store.apply(db, Event(at: now, recorded: now, actor: actor, subject: "notice:\(n.key)", body: .notice(.recorded(n))))
                new.append(n)
            }
            return new
        }
    }

    /// The keys of notices already recorded among `keys` (the watcher's quick look).
    public func recordedNotices(_ keys: [String]) throws(WuyeError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                found.formUnion(
                    try String.fetchAll(db, sql: "SELECT key FROM notices WHERE key IN (\(marks))", arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    /// Notices to deliver now: pending, or failed with their retry due.
    public func noticesToDeliver(now: Instant) throws(WuyeError) -> [NoticeRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM notices WHERE state IN ('pending', 'failed') AND next_at IS NOT NULL AND next_at <= ? ORDER BY at, key",
                arguments: [now.seconds]
            ).map(Store.noticeRow)
        }
    }

    /// The earliest moment a notice waits for (a retry), if any.
    public func nextNoticeRetry() throws(WuyeError) -> Instant? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT min(next_at) FROM notices WHERE state IN ('pending', 'failed')").map {
                Instant(seconds: $0)
            }
        }
    }

    /// Takes a notice for delivery: true for exactly one watcher at a time; a claim lapses
    /// after `seconds` (a watcher killed while delivering), so another may try.
    public func claimNotice(_ key: String, by: String, now: Instant, seconds: Int64 = 120) throws(WuyeError) -> Bool {
        try write(verifying: false) { db in
            let state = try String.fetchOne(db, sql: "SELECT state FROM notices WHERE key = ?", arguments: [key])
            guard let state, state != "delivered" else { return false }
            if let until = try Int64.fetchOne(db, sql: "SELECT until FROM notice_claims WHERE key = ?", arguments: [key]),
                until > now.seconds
            {
                return false
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO notice_claims (key, by, until) VALUES (?, ?, ?)", arguments: [key, by, now.seconds + seconds])
            return true
        }
    }

    /// What one attempt came to; the claim is let go.
    public func noticeAttempted(_ key: String, result: NoticeEvent, actor: String, now: Instant) throws(WuyeError) {
        try write { db in
            try Store.apply(db, Event(at: now, recorded: now, actor: actor, subject: "notice:\(key)", body: .notice(result)))
            try db.execute(sql: "DELETE FROM notice_claims WHERE key = ?", arguments: [key])
        }
    }

    /// Every notice, newest first (`wuye notice list`).
    public func notices(limit: Int = 200, failedOnly: Bool = false) throws(WuyeError) -> [NoticeRow] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM notices \(failedOnly ? "WHERE state = 'failed'" : "") ORDER BY at DESC, key LIMIT ?",
                arguments: [limit]
            ).map(Store.noticeRow)
        }
    }
}
