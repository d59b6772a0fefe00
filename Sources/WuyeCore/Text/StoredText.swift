/// What text may enter the store. Control characters have no place in a name, a unit or a
/// note: a NUL cuts stored text short, and the others can act on a terminal that shows
/// them. So every text that enters the store (arguments, CSV, site and standards files) is
/// checked here, and refused with the place it came from.
public enum StoredText {
    /// The first character that may not be stored: C0 controls but tab (and line feed in
    /// free text, where an owner's message may run over several lines), DEL and C1.
    public static func forbidden(in s: String, lineBreaks: Bool = false) -> Unicode.Scalar? {
        for c in s.unicodeScalars {
            switch c.value {
            case 0x09: continue
            case 0x0A where lineBreaks: continue
            case 0x00..<0x20, 0x7F...0x9F: return c
            default: continue
            }
        }
        return nil
    }

    /// `NUL (U+0000)`, `ESC (U+001B)`, `U+0085`.
    public static func name(_ c: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [0: "NUL", 0x0A: "a line break", 0x0D: "a carriage return", 0x1B: "ESC", 0x7F: "DEL"]
        var hex = String(c.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return names[c.value].map { "\($0) (U+\(hex))" } ?? "the control character U+\(hex)"
    }

    /// Refuses text holding a control character; `what` names where it came from
    /// (`--text`, `row 3, column text`, `line 4, column 8: site.name`).
    public static func check(_ s: String, _ what: String, lineBreaks: Bool = false) throws(WuyeError) {
        if let c = forbidden(in: s, lineBreaks: lineBreaks) {
            throw .badInput("\(what) contains \(name(c)); remove it (control characters cannot be stored)")
        }
    }
}
