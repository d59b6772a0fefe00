import Foundation
import Synchronization

/// A site's IANA time zone: the offset in force at any instant, and the instant of any
/// local wall time. Days, windows and periods are always read in the site's own zone.
public struct Zone: Sendable, Hashable {
    public let identifier: String
    private let tz: TimeZone
    /// For zones with no clock changes since `fixedSince` (Asia/Shanghai, UTC …) the
    /// offset is a constant: no time-zone database lookup on the hot path.
    private let fixedOffset: Int64?
    private static let fixedSince: Int64 = 946_684_800  // 2000-01-01T00:00:00Z

    public init?(_ identifier: String) {
        // A zone is made once per process: finding out whether it is fixed asks ICU, which
        // costs a command about half a millisecond each time a site's zone is read.
        if let known = Zone.made.withLock({ $0[identifier] }) {
            self = known
            return
        }
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.tz = tz
        let since = Date(timeIntervalSince1970: TimeInterval(Zone.fixedSince))
        fixedOffset = tz.nextDaylightSavingTimeTransition(after: since) == nil ? Int64(tz.secondsFromGMT(for: since)) : nil
        let made = self
        Zone.made.withLock { $0[identifier] = made }
    }

    private static let made = Mutex<[String: Zone]>([:])

    public static func == (a: Zone, b: Zone) -> Bool { a.identifier == b.identifier }
    public func hash(into h: inout Hasher) { h.combine(identifier) }

    public static let utc = Zone("UTC")!

    public func offset(at instant: Instant) -> Int64 {
        if let f = fixedOffset, instant.seconds >= Zone.fixedSince { return f }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds))))
    }

    public func local(_ instant: Instant) -> LocalTime {
        LocalTime(utcSeconds: instant.seconds + offset(at: instant))
    }

    public func date(of instant: Instant) -> CivilDate { local(instant).date }

    /// The instant of a local wall time. In a gap (spring forward) the later offset is
    /// used; in an overlap (fall back) the earlier instant.
    public func instant(_ local: LocalTime) -> Instant {
        let wall = local.utcSeconds
        let first = offset(at: Instant(seconds: wall))
        let guess = wall - first
        let second = offset(at: Instant(seconds: guess))
        if second == first { return Instant(seconds: guess) }
        let alt = wall - second
        return offset(at: Instant(seconds: alt)) == second ? Instant(seconds: min(alt, guess)) : Instant(seconds: guess)
    }

    /// Local midnight at the start of a day.
    public func startOfDay(_ date: CivilDate) -> Instant {
        instant(LocalTime(date: date, hour: 0, minute: 0, second: 0))
    }
}

/// A wall time: a day and a time of day, in no particular zone.
public struct LocalTime: Hashable, Sendable {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: CivilDate, hour: Int, minute: Int, second: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    init(utcSeconds s: Int64) {
        var days = s / 86400
        var rem = s % 86400
        if rem < 0 {
            rem += 86400
            days -= 1
        }
        date = CivilDate(daysSinceEpoch: days)
        hour = Int(rem / 3600)
        minute = Int(rem % 3600 / 60)
        second = Int(rem % 60)
    }

    var utcSeconds: Int64 {
        date.daysSinceEpoch * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public var secondsOfDay: Int { hour * 3600 + minute * 60 + second }
}
