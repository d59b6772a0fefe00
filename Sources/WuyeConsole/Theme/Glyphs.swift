import WuyeCore

/// The symbols the console draws. The built-in set is one that common monospace fonts
/// carry (DejaVu Sans Mono has every one; a test checks where fontconfig can tell); a
/// theme's `[symbols]` replaces any of them by name; and a terminal that cannot draw more
/// than ASCII (`TERM=linux`, `vt100`, `--ascii`) gets an ASCII set, where anything else
/// shows as `?` — state is still shown by a symbol, never by colour alone.
public struct Glyphs: Sendable, Equatable {
    /// Each symbol: its name (for a theme's `[symbols]`), the glyph the views draw, and
    /// its ASCII stand-in. Every one takes one column.
    public static let table: [(name: String, glyph: Character, ascii: Character)] = [
        ("running", "●", "o"), ("due_soon", "▲", "^"), ("breached", "✗", "X"), ("paused", "‖", "="), ("done", "✓", "+"),
        ("emergency", "‼", "!"), ("alert", "»", ">"), ("upcoming", "○", "."), ("incomplete", "◐", "%"), ("pending", "·", "."),
        ("out_of_order", "↯", "~"), ("imported", "⇩", "v"), ("focus", "▶", ">"), ("scan", "▸", ">"), ("cursor", "▏", "_"),
        ("gauge_full", "█", "#"), ("gauge_empty", "░", "-"), ("cut", "…", "~"), ("arrow", "→", ">"),
        ("spark1", "▁", "_"), ("spark2", "▂", "_"), ("spark3", "▃", "."), ("spark4", "▄", "-"), ("spark5", "▅", "-"),
        ("spark6", "▆", "="), ("spark7", "▇", "#"), ("at_least", "≥", ">"), ("at_most", "≤", "<"), ("dash", "–", "-"),
        ("rule", "─", "-"), ("bar", "│", "|"), ("corner_tl", "┌", "+"), ("corner_tr", "┐", "+"), ("corner_bl", "└", "+"),
        ("corner_br", "┘", "+"),
    ]

    /// Drawn instead of the built-in glyph.
    var replace: [Character: String] = [:]
    /// Only ASCII reaches the terminal.
    public private(set) var ascii = false

    public init() {}

    public static let unicode = Glyphs()

    public static let asciiSet: Glyphs = {
        var g = Glyphs()
        g.ascii = true
        for s in table { g.replace[s.glyph] = String(s.ascii) }
        return g
    }()

    /// The glyph a name stands for now.
    public func glyph(_ name: String) -> String {
        guard let s = Glyphs.table.first(where: { $0.name == name }) else { return "?" }
        return replace[s.glyph] ?? String(s.glyph)
    }

    /// Sets one symbol from a theme's `[symbols]`; returns why not, when it cannot.
    public mutating func set(_ name: String, to value: String) -> String? {
        guard let s = Glyphs.table.first(where: { $0.name == name }) else { return "unknown symbol \(name)" }
        guard value.count == 1, DisplayWidth.of(value) == 1, !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else {
            return "\(name) must be one character one column wide, got '\(value)'"
        }
        if ascii, !value.allSatisfy(\.isASCII) { return "\(name): this terminal draws ASCII only; '\(value)' is not" }
        replace[s.glyph] = value
        return nil
    }

    /// What a character is drawn as: itself, its replacement, or (ASCII only) `?` in each
    /// column it takes.
    @inline(__always)
    func draw(_ c: Character) -> String? {
        if replace.isEmpty { return nil }
        if let r = replace[c] { return r }
        if ascii, !c.isASCII { return String(repeating: "?", count: max(1, DisplayWidth.of(c))) }
        return nil
    }

    /// Whether this terminal draws more than ASCII: not the Linux console, a VT100 and its
    /// like, or a locale that is not UTF-8.
    public static func terminalIsASCII(term: String?, utf8: Bool) -> Bool {
        guard utf8, let term, !term.isEmpty else { return true }
        return term == "linux" || term.hasPrefix("vt") || term == "dumb" || term == "ansi" || term.hasPrefix("cons")
    }
}
