/// A staff member's sign-in PIN, kept only as a salted, slow hash (PBKDF2-HMAC-SHA256),
/// and the count of wrong PINs that locks the id for a while.
public struct PinRecord: Codable, Sendable, Equatable {
    /// Random salt, hex.
    public var salt: String
    public var iterations: Int
    /// The derived key, hex.
    public var hash: String

    public init(salt: String, iterations: Int, hash: String) {
        self.salt = salt
        self.iterations = iterations
        self.hash = hash
    }
}

/// The steps of a PIN's life: set (or cleared), and each sign-in that used it.
public enum PinEvent: Codable, Sendable, Equatable {
    case set(PinRecord)
    case cleared
    case refused
    case accepted
}

/// What the store keeps per staff member: the PIN's hash and the wrong PINs since the
/// last right one.
public struct PinState: Codable, Sendable, Equatable {
    public var record: PinRecord?
    public var failures: Int = 0
    public var lockedUntil: Instant?

    public init(record: PinRecord? = nil) { self.record = record }
}

public enum PinRules {
    public static let failuresBeforeLock = 3
    public static let lockSeconds: Int64 = 60
    /// OWASP's figure for PBKDF2-HMAC-SHA256.
    public static let iterations = 600_000

    /// 4 to 8 digits: typed on any keyboard, quickly, by anyone.
    public static func validate(_ pin: String) throws(WuyeError) {
        guard (4...8).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .badInput("a PIN is 4 to 8 digits")
        }
    }

    /// A staff member sets their own PIN; a supervisor sets or clears anyone's.
    public static func decideSet(actor: Staff, target: Staff) throws(WuyeError) {
        guard actor.id == target.id || actor.role == .supervisor else {
            throw .refused("only \(target.id) or a supervisor can set \(target.id)'s PIN")
        }
        guard target.active else { throw .refused("\(target.id) is no longer active") }
    }

    /// Refuses while the id is locked after too many wrong PINs.
    public static func checkNotLocked(_ state: PinState, staff: String, now: Instant) throws(WuyeError) {
        if let until = state.lockedUntil, now < until {
            throw .refused("\(staff) is locked after \(failuresBeforeLock) wrong PINs; try again in \(until.seconds - now.seconds) s")
        }
    }

    public static func apply(_ state: PinState?, _ e: PinEvent, at: Instant) -> PinState {
        var s = state ?? PinState()
        switch e {
        case .set(let r):
            s = PinState(record: r)
        case .cleared:
            s = PinState()
        case .accepted:
            s.failures = 0
            s.lockedUntil = nil
        case .refused:
            s.failures += 1
            if s.failures >= failuresBeforeLock {
                s.failures = 0
                s.lockedUntil = at + lockSeconds
            }
        }
        return s
    }
}
