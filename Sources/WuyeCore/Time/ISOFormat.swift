/// ISO 8601 output with a zone's offset, in whole seconds (the contract's output form).
public enum ISOFormat {
    public static func string(_ instant: Instant, in zone: Zone) -> String {
        let offset = zone.offset(at: instant)
        return string(instant, offset: offset)
    }

    public static func utc(_ instant: Instant) -> String { string(instant, offset: 0) }

    static func string(_ instant: Instant, offset: Int64) -> String {
        let l = LocalTime(utcSeconds: instant.seconds + offset)
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset)
        return
            "\(l.date)T\(pad(l.hour, 2)):\(pad(l.minute, 2)):\(pad(l.second, 2))\(sign)\(pad(Int(o / 3600), 2)):\(pad(Int(o % 3600 / 60), 2))"
    }

    /// `HH:MM` in the zone, for compact human output.
    public static func clock(_ instant: Instant, in zone: Zone) -> String {
        let l = zone.local(instant)
        return "\(pad(l.hour, 2)):\(pad(l.minute, 2))"
    }

    /// `YYYY-MM-DD HH:MM` in the zone.
    public static func short(_ instant: Instant, in zone: Zone) -> String {
        let l = zone.local(instant)
        return "\(l.date) \(pad(l.hour, 2)):\(pad(l.minute, 2))"
    }
}
