/// A small, fast JSON writer with a fixed field order, for `--json` output.
///
/// It writes UTF-8 bytes into one buffer, so lists of ten thousand items are written in
/// milliseconds; every control character of the data is escaped (C1 controls and bidi
/// overrides too), so JSON output is as inert as text output.
public struct JSONWriter: ~Copyable {
    // The bytes live in one buffer of our own: writing a byte is a store and an
    // increment, with no copy-on-write check (a list of ten thousand items writes
    // millions of them). The writer cannot be copied, so the buffer has one owner.
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    public private(set) var count = 0
    /// Dates as last written, by local day (days since 1970-01-01) modulo the slots: an
    /// item's clocks start on one day and fall due on the next, so one slot alone would
    /// be written over at every clock. Made at the first instant written (most writers,
    /// an event's step for one, write none).
    private var dates: DateSlots?
    private static let dateSlots = 8
    /// Per slot, three words: the day, then the date's ten bytes (`YYYY-MM-DD`).
    private typealias DateSlots = UnsafeMutablePointer<Int64>
    /// One bit per open object or array: whether its next member needs a comma.
    private var commaBits: UInt64 = 0
    private var depth = 0
    private var pendingKey = false

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
        dates?.deallocate()
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    public var output: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Lends the bytes written so far, without a copy.
    public func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    @inline(__always) private mutating func ensure(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) private mutating func put(_ b: UInt8) {
        ensure(1)
        base[count] = b
        count += 1
    }

    private mutating func put(_ raw: UnsafeRawBufferPointer) {
        guard let src = raw.baseAddress, !raw.isEmpty else { return }
        ensure(raw.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: src, byteCount: raw.count)
        count += raw.count
    }

    @inline(__always) private mutating func put(_ s: StaticString) {
        s.withUTF8Buffer { put(UnsafeRawBufferPointer($0)) }
    }

    private mutating func open(_ b: UInt8, needsComma: Bool) {
        precondition(depth < 63, "JSON nested too deeply")
        depth += 1
        if needsComma { commaBits |= 1 << depth } else { commaBits &= ~(1 << depth) }
        put(b)
    }

    private mutating func close(_ b: UInt8) {
        depth -= 1
        put(b)
    }

    public mutating func beginObject() {
        value()
        open(UInt8(ascii: "{"), needsComma: false)
    }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() {
        value()
        open(UInt8(ascii: "["), needsComma: false)
    }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Continues an object whose opening and first fields were rendered before
    /// (see `ItemJSON.staticPrefix`); close it with `endObject()`.
    public mutating func resumeObject(_ prefix: UnsafeRawBufferPointer) {
        value()
        precondition(depth < 63, "JSON nested too deeply")
        depth += 1
        commaBits |= 1 << depth
        put(prefix)
    }

    /// Keys are literals of the data format: plain ASCII, written as they are.
    public mutating func key(_ k: StaticString) {
        comma()
        ensure(k.utf8CodeUnitCount + 3)
        base[count] = UInt8(ascii: "\"")
        count += 1
        put(k)
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
        pendingKey = true
    }

    @inline(__always) private mutating func comma() {
        let bit: UInt64 = 1 << depth
        if commaBits & bit != 0 { put(UInt8(ascii: ",")) } else { commaBits |= bit }
    }

    @inline(__always) private mutating func value() {
        if pendingKey {
            pendingKey = false
        } else {
            comma()
        }
    }

    private mutating func raw(_ s: StaticString) { put(s) }

    public mutating func string(_ s: String?) {
        value()
        if let s { appendString(s) } else { raw("null") }
    }
    public mutating func int(_ i: Int64?) {
        value()
        guard let i else {
            raw("null")
            return
        }
        ensure(21)
        if i < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var m = i.magnitude
        var n = 1
        var p: UInt64 = 10
        while n < 20 && m >= p {
            n += 1
            p = p &* 10
        }
        var k = count + n - 1
        repeat {
            base[k] = UInt8(48 + m % 10)
            m /= 10
            k -= 1
        } while m > 0
        count += n
    }
    public mutating func int(_ i: Int?) { int(i.map { Int64($0) }) }
    public mutating func bool(_ b: Bool?) {
        value()
        switch b {
        case true?: raw("true")
        case false?: raw("false")
        case nil: raw("null")
        }
    }
    /// A number as the JSON and the CSV of figures write it: figures are fractions, so four
    /// decimals are plenty and stay readable; whole numbers without a point.
    public static func decimal(_ d: Double) -> String {
        let r = (d * 10000).rounded() / 10000
        return r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : String(r)
    }

    public mutating func double(_ d: Double?) {
        value()
        guard let d, d.isFinite else {
            raw("null")
            return
        }
        putText(JSONWriter.decimal(d))
    }
    /// A number exactly as `JSONEncoder` writes it: whole values without a point, others
    /// in the shortest text that reads back as the same double (the journal's limits).
    public mutating func exactDouble(_ d: Double) {
        value()
        guard d.isFinite else {
            raw("null")
            return
        }
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 {
            putText(String(Int64(d)))
        } else {
            putText(String(d))
        }
    }

    public mutating func null() {
        value()
        raw("null")
    }
    /// An instant in ISO 8601 with the zone's offset, or null.
    public mutating func instant(_ i: Instant?, zone: Zone) {
        value()
        guard let i else {
            raw("null")
            return
        }
        ensure(ISOFormat.maxLength + 2)
        base[count] = UInt8(ascii: "\"")
        count += 1
        let offset = zone.offset(at: i)
        let local = i.seconds + offset
        var day = local / 86400
        var second = local % 86400
        if second < 0 {
            second += 86400
            day -= 1
        }
        let slots: DateSlots
        if let d = dates {
            slots = d
        } else {
            slots = .allocate(capacity: 3 * Self.dateSlots)
            slots.initialize(repeating: .min, count: 3 * Self.dateSlots)
            dates = slots
        }
        let slot = slots + 3 * Int(UInt64(bitPattern: day) % UInt64(Self.dateSlots))
        let dateBytes = UnsafeMutableRawPointer(slot + 1)
        if slot.pointee == day {
            // The date's ten bytes as last written, then the time.
            UnsafeMutableRawPointer(base + count).copyMemory(from: dateBytes, byteCount: 10)
            count += 10
            count += ISOFormat.writeTime(second, offset: offset, to: base + count)
        } else {
            let n = ISOFormat.write(i, offset: offset, to: base + count)
            // A four-digit year: the date is the first ten bytes (`YYYY-MM-DD`).
            if n == 25 {
                dateBytes.copyMemory(from: base + count, byteCount: 10)
                slot.pointee = day
            }
            count += n
        }
        base[count] = UInt8(ascii: "\"")
        count += 1
    }

    public mutating func field(_ k: StaticString, _ s: String?) {
        key(k)
        string(s)
    }
    public mutating func field(_ k: StaticString, _ i: Int64?) {
        key(k)
        int(i)
    }
    public mutating func field(_ k: StaticString, _ i: Int?) {
        key(k)
        int(i)
    }
    public mutating func field(_ k: StaticString, _ b: Bool?) {
        key(k)
        bool(b)
    }
    public mutating func field(_ k: StaticString, _ d: Double?) {
        key(k)
        double(d)
    }
    public mutating func field(_ k: StaticString, _ i: Instant?, zone: Zone) {
        key(k)
        instant(i, zone: zone)
    }

    /// Hands the bytes written so far to `sink` once there are at least `threshold` of
    /// them, and starts again with an empty buffer: long lists are streamed, not held.
    public mutating func drain<E: Error>(over threshold: Int = 1 << 16, _ sink: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        guard count >= threshold else { return }
        try sink(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    /// Reserves room for about `n` more bytes (a list knows roughly how much it writes).
    public mutating func reserve(_ n: Int) { ensure(n) }

    private mutating func putText(_ s: String) {
        var s = s
        s.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }

    private mutating func appendString(_ s: String) {
        put(UInt8(ascii: "\""))
        let done =
            s.utf8.withContiguousStorageIfAvailable { buf -> Bool in
                for b in buf where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xD8 || b == 0x22 || b == 0x5C {
                    return false
                }
                put(UnsafeRawBufferPointer(buf))
                return true
            } ?? false
        if !done {
            for scalar in s.unicodeScalars {
                switch scalar.value {
                case 0x22: put("\\\"")
                case 0x5C: put("\\\\")
                case 0x0A: put("\\n")
                case 0x0D: put("\\r")
                case 0x09: put("\\t")
                case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                    putText("\\u" + InertText.hex(scalar.value).lowercased())
                default: putText(String(scalar))
                }
            }
        }
        put(UInt8(ascii: "\""))
    }
}
