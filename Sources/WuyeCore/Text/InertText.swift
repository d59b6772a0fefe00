/// Owners' text is untrusted: before it reaches a terminal every control is replaced by a
/// visible stand-in, so no byte of data can move the cursor, change colours, retitle the
/// window or reorder the line.
///
/// - C0 controls become caret notation (`^M`, `^J`), ESC becomes `␛`, DEL `^?`;
/// - C1 controls, bidirectional overrides and isolates, and the zero-width characters that
///   join, split or hide what is around them (ZWJ, ZWSP, word joiner, BOM) become `<U+202E>`,
///   so that nothing shifts a column or reorders a line.
public enum InertText {
    /// `keepLineBreaks` keeps line feeds as they are, for text printed as a block of
    /// lines (a file shown back); a carriage return is still shown as `^M`.
    public static func make(_ s: String, keepLineBreaks: Bool = false) -> String {
        if isClean(s) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x1B: out += "␛"
            case 0x0A where keepLineBreaks: out += "\n"
            case 0x00..<0x20: out += "^" + String(UnicodeScalar(UInt8(v + 0x40)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF:
                out += "<U+" + hex(v) + ">"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when no byte could start a control: C0, DEL, or the lead bytes of C1
    /// controls (0xC2), bidi marks and zero-width characters (0xE2), the BOM (0xEF) and the
    /// Arabic letter mark (0xD8). Those lead bytes also start harmless characters; such
    /// text takes the careful path.
    static func isClean(_ s: String) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ cleanBytes($0) }) { return r }
        return cleanBytes(Array(s.utf8))
    }

    /// Looks at the bytes after those lead bytes too, so that ordinary text holding a
    /// symbol such as `⏸`, `●` or `—` (lead byte 0xE2) stays on the quick path; only the
    /// characters `make` changes send text to the careful one.
    @inline(__always)
    static func cleanBytes<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool where C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x20 || b == 0x7F { return false }
            if b >= 0xC2 {
                let b1: UInt8 = i + 1 < end ? bytes[i + 1] : 0
                let b2: UInt8 = i + 2 < end ? bytes[i + 2] : 0
                switch b {
                case 0xC2 where b1 >= 0x80 && b1 <= 0x9F: return false  // C1 controls
                case 0xD8 where b1 == 0x9C: return false  // U+061C
                case 0xEF where b1 == 0xBB && b2 == 0xBF: return false  // BOM
                case 0xE2:
                    // U+200B…U+200F, U+202A…U+202E, U+2060…U+2064, U+2066…U+2069
                    if b1 == 0x80 && ((b2 >= 0x8B && b2 <= 0x8F) || (b2 >= 0xAA && b2 <= 0xAE)) { return false }
                    if b1 == 0x81 && ((b2 >= 0xA0 && b2 <= 0xA4) || (b2 >= 0xA6 && b2 <= 0xA9)) { return false }
                default: break
                }
            }
            i += 1
        }
        return true
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
    }
}
