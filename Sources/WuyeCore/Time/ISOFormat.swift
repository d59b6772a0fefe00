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
        let y = l.date.year
        if y >= 0 && y <= 9999 {
            two(y / 100, out)
            two(y % 100, out + 2)
            i = 4
        } else {
            for b in String(y).utf8.prefix(13) {
                out[i] = b
                i += 1
            }
        }
        out[i] = UInt8(ascii: "-")
        two(l.date.month, out + i + 1)
        out[i + 3] = UInt8(ascii: "-")
        two(l.date.day, out + i + 4)
        return i + 6 + writeTime(Int64(l.hour * 3600 + l.minute * 60 + l.second), offset: offset, to: out + i + 6)
    }

    /// Writes `THH:MM:SS±HH:MM` (15 bytes), the part of `write` after the date, for a
    /// local time of day in seconds: a list's instants mostly share a few dates, whose
    /// bytes `JSONWriter` keeps.
    @inline(__always)
    public static func writeTime(_ secondOfDay: Int64, offset: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let t = Int(secondOfDay)
        out[0] = UInt8(ascii: "T")
        two(t / 3600, out + 1)
        out[3] = UInt8(ascii: ":")
        two(t % 3600 / 60, out + 4)
        out[6] = UInt8(ascii: ":")
        two(t % 60, out + 7)
        out[9] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        let o = Int(abs(offset))
        two(o / 3600, out + 10)
        out[12] = UInt8(ascii: ":")
        two(o % 3600 / 60, out + 13)
        return 15
    }

    @inline(__always)
    static func two(_ n: Int, _ out: UnsafeMutablePointer<UInt8>) {
        out[0] = UInt8(truncatingIfNeeded: 48 + n / 10)
        out[1] = UInt8(truncatingIfNeeded: 48 + n % 10)
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
