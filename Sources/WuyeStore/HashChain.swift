import CSQLiteShim
import Foundation
import GRDB
import WuyeCore

/// The journal's hash chain: each event carries the SHA-256 of the event before it and of
/// its own content, so that an event changed, removed or inserted anywhere breaks the
/// chain from there on. `wuye check` walks the whole chain; every write first verifies
/// the tail it appends to. `docs/data-format.md` says how to verify it with any SHA-256
/// tool from `wuye log --json`.
enum HashChain {
    /// The predecessor of the first event.
    static let genesis = String(repeating: "0", count: 64)

    /// The fields an event's hash covers, as they are stored (and exported by `log --json`).
    struct Fields {
        var seq: Int64
        var at: Int64
        var recorded: Int64
        var actor: String
        var type: String
        var subject: String
        var payload: String
    }

    /// hex(SHA-256(previous hash in hex, seq, at, recorded, actor, type, subject, payload,
    /// joined by line feeds)). No field can hold a line feed: ids are slugs, payloads are
    /// JSON with their line breaks escaped.
    static func hash(previous: String, _ f: Fields) -> String {
        var message = [UInt8]()
        message.reserveCapacity(previous.utf8.count + f.payload.utf8.count + 96)
        for (n, part) in [previous, String(f.seq), String(f.at), String(f.recorded), f.actor, f.type, f.subject, f.payload].enumerated() {
            if n > 0 { message.append(10) }
            message.append(contentsOf: part.utf8)
        }
        return message.withUnsafeBytes { Digest.sha256Hex($0) }
    }

    static func damaged(_ what: String) -> WuyeError {
        .storeUnusable(
            "the journal has been tampered with or damaged: \(what); nothing was written. Run 'wuye check' to see where, and restore a backup ('wuye restore FILE')"
        )
    }

    /// The hash and sequence number the next event chains to, after verifying that the
    /// journal's last event is intact and that no event was removed from its end.
    static func tail(_ db: Database) throws -> (hash: String, next: Int64) {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(Store.eventColumns), hash FROM events ORDER BY seq DESC LIMIT 2"))
        let highest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'events'")) ?? 0
        guard let last = rows.first else {
            if highest > 0 { throw damaged("every event has been removed (the last was number \(highest))") }
            return (genesis, 1)
        }
        let fields = try Fields(last)
        let before: String = rows.count > 1 ? (rows[1]["hash"] ?? "") : genesis
        if rows.count == 1 && fields.seq != 1 { throw damaged("the events before number \(fields.seq) have been removed") }
        if rows.count > 1, (rows[1][0] as Int64) != fields.seq - 1 {
            throw damaged("event \(fields.seq - 1) has been removed")
        }
        guard let stored: String = last["hash"], stored == hash(previous: before, fields) else {
            throw damaged("event \(fields.seq) does not match its hash")
        }
        if highest > fields.seq { throw damaged("the events after number \(fields.seq) have been removed") }
        return (stored, fields.seq + 1)
    }

    /// Walks the whole chain; returns a sentence for the first break, or nil.
    static func verify(_ db: Database) throws -> String? {
        var previous = genesis
        var expected: Int64 = 1
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(Store.eventColumns), hash FROM events ORDER BY seq")
        while let row = try cursor.next() {
            let f: Fields
            do { f = try Fields(row) } catch { return "journal: event \((row[0] as DatabaseValue).description) cannot be read" }
            if f.seq != expected {
                return f.seq > expected
                    ? "journal: event \(expected)\(f.seq - expected > 1 ? " to \(f.seq - 1)" : "") has been removed"
                    : "journal: event \(f.seq) is out of order"
            }
            let h = hash(previous: previous, f)
            guard let stored: String = row["hash"], stored == h else {
                return "journal: event \(f.seq) has been changed (or an event was inserted before it): it does not match its hash"
            }
            previous = h
            expected += 1
        }
        let highest = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'events'") ?? 0
        if highest >= expected { return "journal: the events after number \(expected - 1) have been removed" }
        return nil
    }

    /// Gives every event of a store written before the chain its hash (schema 3).
    static func seal(_ db: Database) throws {
        var previous = genesis
        let rows = try Row.fetchAll(db, sql: "SELECT \(Store.eventColumns) FROM events ORDER BY seq")
        let update = try db.makeStatement(sql: "UPDATE events SET hash = ? WHERE seq = ?")
        for row in rows {
            let f = try Fields(row)
            previous = hash(previous: previous, f)
            try update.execute(arguments: [previous, f.seq])
        }
    }
}

extension Store {
    /// What the hash chain covers for the events `from`…`to`, as stored: an auditor
    /// recomputes each `hash` from `previous` and the fields (`docs/data-format.md`).
    public struct ChainLink: Sendable {
        public var payload: String
        public var hash: String
        public var previous: String
    }

    public func chainLinks(from: Int64, to: Int64) throws(WuyeError) -> [Int64: ChainLink] {
        try read { db in
            var out: [Int64: ChainLink] = [:]
            var previous =
                from <= 1
                ? HashChain.genesis : try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [from - 1]) ?? ""
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, payload, hash FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq", arguments: [from, to])
            while let r = try rows.next() {
                let hash: String = r[2] ?? ""
                out[r[0]] = ChainLink(payload: r[1], hash: hash, previous: previous)
                previous = hash
            }
            return out
        }
    }
}

/// SHA-256 in lower-case hex (libcrypto): the journal's chain, and what identifies a
/// message that came without an id of its own.
public enum Digest {
    public static func sha256Hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { wuye_sha256(bytes.baseAddress, bytes.count, $0.baseAddress) }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func sha256Hex(_ data: Data) -> String { data.withUnsafeBytes { sha256Hex($0) } }
}

// In an extension, so that `Fields` keeps the initializer Swift makes from its members.
extension HashChain.Fields {
    /// From a row of `Store.eventColumns`; a row that damage left without its values
    /// (or with values of the wrong kind) is refused, never trusted or crashed on.
    init(_ row: Row) throws {
        func value<T: DatabaseValueConvertible>(_ i: Int) -> T? { T.fromDatabaseValue(row[i] as DatabaseValue) }
        guard let seq: Int64 = value(0), let at: Int64 = value(1), let recorded: Int64 = value(2), let actor: String = value(3),
            let type: String = value(4), let subject: String = value(5), let payload: String = value(6)
        else {
            let n = (row[0] as DatabaseValue).description
            throw WuyeError.storeUnusable(
                "event \(n) of the journal cannot be read: the store is damaged. Restore a backup ('wuye restore FILE'; see docs/data-format.md)"
            )
        }
        self.init(seq: seq, at: at, recorded: recorded, actor: actor, type: type, subject: subject, payload: payload)
    }
}
