/// A moment in time, in whole seconds since 1970-01-01T00:00:00Z.
///
/// Wuye keeps every instant to the second: clocks, windows and figures are compared
/// exactly, and nothing in the domain ever asks the system for the time.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
    public static func + (a: Instant, d: Int64) -> Instant { Instant(seconds: a.seconds + d) }
    public static func - (a: Instant, d: Int64) -> Instant { Instant(seconds: a.seconds - d) }
    public static func - (a: Instant, b: Instant) -> Int64 { a.seconds - b.seconds }

    public var description: String { ISOFormat.utc(self) }

    public init(from decoder: any Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Int64.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seconds)
    }
}

/// Where "now" comes from. The domain takes an instant; only the edges of the program
/// (the command line, the console loop) read a clock.
public protocol Clock: Sendable {
    func now() -> Instant
}

/// A clock that is always at the same instant (tests, `$WUYE_NOW` for one command).
public struct FixedClock: Clock {
    public var instant: Instant
    public init(_ instant: Instant) { self.instant = instant }
    public func now() -> Instant { instant }
}
