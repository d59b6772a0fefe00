/// ISO 8601 output with a zone's offset, in whole seconds (the contract's output form).
public enum ISOFormat {
    public static func string(_ instant: Instant, in zone: Zone) -> String {
        let offset = zone.offset(at: instant)
        return string(instant, offset: offset)
    }

    public static func utc(_ instant: Instant) -> String { string(instant, offset: 0) }

    static func string(_ instant: Instant, offset: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buf in
            let n = write(instant, offset: offset, to: buf.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buf[..<n]), as: UTF8.self)
        }
    }

    /// The most bytes `write` writes (a year of up to 13 characters, then 21).
    public static let maxLength = 40

    /// Writes `YYYY-MM-DDTHH:MM:SS±HH:MM` at `out` (room for `maxLength` bytes) and
    /// returns how many bytes it wrote: the hot path of JSON lists.
    public static func write(_ instant: Instant, offset: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let l = LocalTime(utcSeconds: instant.seconds + offset)
        var i = 0
        func two(_ n: Int) {
            out[i] = UInt8(truncatingIfNeeded: 48 + n / 10)
            out[i + 1] = UInt8(truncatingIfNeeded: 48 + n % 10)
            i += 2
        }
        func char(_ c: Unicode.Scalar) {
            out[i] = UInt8(ascii: c)
            i += 1
        }
        let y = l.date.year
        if y >= 0 && y <= 9999 {
            two(y / 100)
            two(y % 100)
        } else {
            for b in String(y).utf8.prefix(13) {
                out[i] = b
                i += 1
            }
        }
        char("-")
        two(l.date.month)
        char("-")
        two(l.date.day)
        char("T")
        two(l.hour)
        char(":")
        two(l.minute)
        char(":")
        two(l.second)
        char(offset < 0 ? "-" : "+")
        let o = Int(abs(offset))
        two(o / 3600)
        char(":")
        two(o % 3600 / 60)
        return i
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
