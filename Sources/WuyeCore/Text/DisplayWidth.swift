/// Display width of text in terminal columns, from a table of our own so that widths are
/// the same on every machine whatever its locale data (East Asian Wide and Fullwidth,
/// emoji presentation, and zero-width marks).
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// Width of one extended grapheme cluster (a user-perceived character).
    public static func of(_ c: Character) -> Int {
        var w = 0
        var first = true
        for s in c.unicodeScalars {
            if first {
                w = of(s)
                first = false
            } else if s.value == 0xFE0F, w == 1 {
                // Emoji presentation selector turns a narrow symbol into a wide emoji.
                w = 2
            }
        }
        return w
    }

    public static func of(_ s: String) -> Int {
        if let w = plainWidth(s) { return w }
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// The width of text that needs no grapheme breaking: printable ASCII (a byte a
    /// column), or Latin and CJK characters that never join their neighbours into one
    /// cluster. Nil for anything else (combining marks, emoji, jamo, controls): that is
    /// measured character by character. Lists measure thousands of cells with this.
    @inline(__always)
    public static func plainWidth(_ s: String) -> Int? {
        var ascii = true
        for b in s.utf8 where b < 0x20 || b >= 0x7F {
            ascii = false
            break
        }
        if ascii { return s.utf8.count }
        var w = 0
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x300 {
                if v < 0x20 || (v >= 0x7F && v < 0xA0) { return nil }
                w += 1
            } else if isPlainWide(v) {
                w += 2
            } else if v >= 0x2010 && v < 0x2C00 && !(v >= 0x2028 && v <= 0x202E) && !(v >= 0x2060 && v <= 0x206F)
                && !(v >= 0x20D0 && v <= 0x20FF)
            {
                // Punctuation, arrows, shapes and symbols (`—`, `…`, `●`, `⏸`, `✗`): each its
                // own cluster unless a selector or joiner follows, which sends the text to
                // the careful path when it is reached.
                let sw = of(u)
                if sw == 0 { return nil }
                w += sw
            } else {
                return nil
            }
        }
        return w
    }

    /// Wide characters that are each a cluster of their own: CJK punctuation, kana, CJK
    /// ideographs, Hangul syllables and fullwidth forms (the tone marks U+302A…U+302F,
    /// which combine, are left out).
    @inline(__always)
    static func isPlainWide(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3001 && v <= 0x3029) || (v >= 0x3030 && v <= 0x303E)
            || (v >= 0x3041 && v <= 0x3096) || (v >= 0x30A1 && v <= 0x30FA) || (v >= 0x3400 && v <= 0x4DBF)
            || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF01 && v <= 0xFF60)
    }

    /// The longest prefix of `s` that fits in `width` columns; when something is cut,
    /// the cut is marked with `…` (which takes one column). Never splits a character.
    public static func truncate(_ s: String, to width: Int) -> String {
        if width <= 0 { return "" }
        // Plain text (each character a cluster of its own): one pass, cut between scalars.
        let scalars = s.unicodeScalars
        var used = 0
        var cutAt: String.UnicodeScalarView.Index?
        var plain = true
        for i in scalars.indices {
            let v = scalars[i].value
            let cw: Int
            if v >= 0x20 && v < 0x7F {
                cw = 1
            } else if isPlainWide(v) {
                cw = 2
            } else {
                plain = false
                break
            }
            if cutAt == nil && used + cw > width - 1 { cutAt = i }
            used += cw
            if used > width { return String(scalars[..<cutAt!]) + "…" }
        }
        if plain { return s }
        if of(s) <= width { return s }
        var out = ""
        var taken = 0
        for c in s {
            let cw = of(c)
            if taken + cw > width - 1 { break }
            out.append(c)
            taken += cw
        }
        return out + "…"
    }

    /// `s` in lines of at most `width` columns, never splitting a character: Latin words
    /// move whole to the next line where they can, Chinese breaks between any two
    /// characters. Line breaks in `s` start new lines.
    public static func wrap(_ s: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for c in paragraph {
                let w = of(c)
                if used + w > width {
                    // Carry a Latin word that would be cut to the next line.
                    if c != " ", let space = line.lastIndex(of: " "), line[line.index(after: space)...].allSatisfy({ $0.isASCII }) {
                        let carried = String(line[line.index(after: space)...])
                        out.append(String(line[..<space]))
                        line = carried
                        used = of(carried)
                    } else {
                        out.append(line)
                        line = ""
                        used = 0
                    }
                    if c == " " && line.isEmpty { continue }
                }
                line.append(c)
                used += w
            }
            out.append(line)
        }
        return out
    }

    /// `s` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ s: String, to width: Int) -> String {
        let t = truncate(s, to: width)
        let w = of(t)
        return w < width ? t + String(repeating: " ", count: width - w) : t
    }

    /// `s` right-aligned in `width` columns.
    public static func fitRight(_ s: String, to width: Int) -> String {
        let t = truncate(s, to: width)
        let w = of(t)
        return w < width ? String(repeating: " ", count: width - w) + t : t
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x300...0x36F, 0x483...0x489, 0x591...0x5BD, 0x610...0x61A, 0x64B...0x65F,
            0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x20D0...0x20FF,
            0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFEFF, 0x1F3FB...0x1F3FF, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
            0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA,
            0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
            0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C,
            0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
            0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF,
            0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
            0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
            0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E,
            0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
            0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
            0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
            0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
