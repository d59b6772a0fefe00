/// ISO 8601 output with a zone's offset, in whole seconds (the contract's output form).
public enum ISOFormat {
    public static func string(_ instant: Instant, in zone: Zone) -> String {
        let offset = zone.offset(at: instant)
        return string(instant, offset: offset)
    }

    public static func utc(_ instant: Instant) -> String { string(instant, offset: 0) }

    static func string(_ instant: Instant, offset: Int64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(25)
        append(instant, offset: offset, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS±HH:MM` as bytes (the hot path of JSON lists).
    public static func append(_ instant: Instant, offset: Int64, to out: inout [UInt8]) {
        let l = LocalTime(utcSeconds: instant.seconds + offset)
        func two(_ n: Int) {
            out.append(UInt8(48 + n / 10))
            out.append(UInt8(48 + n % 10))
        }
        let y = l.date.year
        if y >= 0 && y <= 9999 {
            two(y / 100)
            two(y % 100)
        } else {
            out.append(contentsOf: String(y).utf8)
        }
        out.append(UInt8(ascii: "-"))
        two(l.date.month)
        out.append(UInt8(ascii: "-"))
        two(l.date.day)
        out.append(UInt8(ascii: "T"))
        two(l.hour)
        out.append(UInt8(ascii: ":"))
        two(l.minute)
        out.append(UInt8(ascii: ":"))
        two(l.second)
        out.append(UInt8(ascii: offset < 0 ? "-" : "+"))
        let o = Int(abs(offset))
        two(o / 3600)
        out.append(UInt8(ascii: ":"))
        two(o % 3600 / 60)
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
