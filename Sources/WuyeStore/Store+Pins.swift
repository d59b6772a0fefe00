import CSQLiteShim
import Foundation
import GRDB
import WuyeCore

/// Sign-in PINs: set by the staff member or a supervisor, kept as salted PBKDF2 hashes,
/// three wrong ones lock the id for a minute. The slow hash is computed outside the write
/// transaction, so a sign-in never holds up other writers.
extension Store {
    static func pinState(_ db: Database, _ staff: String) throws -> PinState? {
        try String.fetchOne(db, sql: "SELECT data FROM pins WHERE staff = ?", arguments: [staff]).map { try decode(PinState.self, $0) }
    }

    static func derive(_ pin: String, salt: [UInt8], iterations: Int) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        let utf8 = Array(pin.utf8)
        _ = utf8.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { c in
                wuye_pbkdf2_sha256(c.baseAddress, c.count, salt, salt.count, Int32(iterations), &out, out.count)
            }
        }
        return out.map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex, let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex) {
            out.append(UInt8(hex[i..<j], radix: 16) ?? 0)
            i = j
        }
        return out
    }

    /// Whether `staff` has a PIN (the console asks for it at sign-in).
    public func hasPin(_ staff: String) throws(WuyeError) -> Bool {
        try read { db in try Store.pinState(db, staff)?.record != nil }
    }

    /// Sets (or, with nil, clears) the PIN of `staffID`.
    public func setPin(_ pin: String?, for staffID: String, actor actorID: String, now: Instant) throws(WuyeError) {
        if let pin { try PinRules.validate(pin) }
        let record: PinRecord? = pin.map { pin in
            var rng = SystemRandomNumberGenerator()
            let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return PinRecord(
                salt: salt.map { String(format: "%02x", $0) }.joined(), iterations: PinRules.iterations,
                hash: Store.derive(pin, salt: salt, iterations: PinRules.iterations))
        }
        try write { db in
            guard let actor = try Store.staff(db, actorID) else { throw WuyeError.notFound("unknown staff member \(actorID)") }
            guard let target = try Store.staff(db, staffID) else { throw WuyeError.notFound("unknown staff member \(staffID)") }
            try PinRules.decideSet(actor: actor, target: target)
            try Store.apply(
                db,
                Event(
                    at: now, recorded: now, actor: actor.id, subject: "staff:\(target.id)", body: .pin(record.map { .set($0) } ?? .cleared))
            )
        }
    }

    /// Signs `staffID` in: with their PIN where one is set. A wrong PIN is recorded, and the
    /// third in a row locks the id for a minute.
    @discardableResult
    public func signIn(_ staffID: String, pin: String?, now: Instant) throws(WuyeError) -> Staff {
        let (staff, state) = try read { db in (try Store.staff(db, staffID), try Store.pinState(db, staffID)) }
        guard let staff, staff.active else { throw .notFound("no staff member \(staffID) on duty; see 'wuye staff list'") }
        guard let record = state?.record else { return staff }
        try PinRules.checkNotLocked(state!, staff: staff.id, now: now)
        guard let pin, !pin.isEmpty else { throw .refused("\(staff.id) signs in with a PIN") }
        let right = Store.derive(pin, salt: Store.bytes(hex: record.salt), iterations: record.iterations) == record.hash
        let outcome: PinEvent = right ? .accepted : .refused
        try write { db in
            // Another terminal may have locked the id meanwhile.
            if let current = try Store.pinState(db, staff.id) { try PinRules.checkNotLocked(current, staff: staff.id, now: now) }
            try Store.apply(db, Event(at: now, recorded: now, actor: staff.id, subject: "staff:\(staff.id)", body: .pin(outcome)))
        }
        guard right else {
            let after = try read { db in try Store.pinState(db, staff.id) }
            if let after, after.lockedUntil != nil { try PinRules.checkNotLocked(after, staff: staff.id, now: now) }
            throw .refused("wrong PIN for \(staff.id)")
        }
        return staff
    }
}
