import Foundation
import WuyeCore

/// Semantic names to styles. Panes ask for `clock.breached`, never for "red": a theme
/// file decides, and state is always also shown by a symbol or text.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [String: Style]
    /// The symbols drawn (the built-in set, with the file's `[symbols]`; ASCII where the
    /// terminal draws no more).
    public var glyphs = Glyphs.unicode

    /// The names a theme may set.
    public static let names = [
        "header", "header.demo", "footer", "footer.key", "title", "title.focus", "border", "border.focus", "selection", "muted",
        "text", "clock.ok", "clock.due_soon", "clock.breached", "clock.paused", "clock.met", "duty.done", "duty.due", "duty.missed",
        "duty.upcoming", "gauge.ok", "gauge.bad", "gauge.empty", "alert", "confirm", "message", "help",
    ]

    public subscript(_ name: String) -> Style { styles[name] ?? Theme.builtinDefault.styles[name] ?? .plain }

    /// Reads a theme file. A missing name falls back to the default theme; an unknown
    /// name is reported in `warnings`; a broken file is an error naming its line.
    public static func parse(_ text: String, name: String, ascii: Bool = false) throws(WuyeError) -> (Theme, [String]) {
        let table: TOMLTable
        do { table = try TOMLParser.parse(text) } catch { throw .badInput("theme \(name): \(error.description)") }
        var styles = builtinDefault.styles
        var warnings: [String] = []
        var source = table
        if case .table(let t)? = table["styles"] { source = t }
        for key in source.keys {
            guard case .string(let spec)? = source[key] else {
                if key == "name" || key == "symbols" { continue }
                throw .badInput("theme \(name): \(source.position(of: key)): \(key) must be a string such as \"red bold\"")
            }
            if key == "name" { continue }
            guard names.contains(key) else {
                warnings.append("theme \(name): \(source.position(of: key)): unknown name \(key) (ignored)")
                continue
            }
            guard let s = parseStyle(spec) else {
                throw .badInput(
                    "theme \(name): \(source.position(of: key)): '\(spec)' is not a style; write colours and attributes such as \"white on blue bold\""
                )
            }
            styles[key] = s
        }
        var theme = Theme(name: name, styles: styles)
        if ascii { theme.glyphs = .asciiSet }
        // `[symbols]`: any of the drawn symbols, by name, as one one-column character.
        if case .table(let symbols)? = table["symbols"] {
            for key in symbols.keys {
                guard case .string(let value)? = symbols[key] else {
                    warnings.append("theme \(name): \(symbols.position(of: key)): \(key) must be a string such as \"=\"")
                    continue
                }
                if let problem = theme.glyphs.set(key, to: value) {
                    warnings.append("theme \(name): \(symbols.position(of: key)): \(problem) (ignored)")
                }
            }
        }
        return (theme, warnings)
    }

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `fg [on bg] [bold] [reverse] [underline] [dim]`; colours are names, `bright-NAME`,
    /// numbers 0–255 or `default`.
    static func parseStyle(_ spec: String) -> Style? {
        var s = Style()
        var words = spec.lowercased().split(separator: " ").map(String.init)
        func color(_ w: String) -> Int16? {
            if w == "default" { return -1 }
            if let i = colorNames.firstIndex(of: w) { return Int16(i) }
            if w.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(w.dropFirst(7))) { return Int16(i + 8) }
            if let n = Int16(w), (0...255).contains(n) { return n }
            return nil
        }
        var sawColor = false
        while !words.isEmpty {
            let w = words.removeFirst()
            switch w {
            case "bold": s.bold = true
            case "reverse": s.reverse = true
            case "underline": s.underline = true
            case "dim": s.dim = true
            case "on":
                guard !words.isEmpty, let c = color(words.removeFirst()) else { return nil }
                s.bg = c
            default:
                guard !sawColor, let c = color(w) else { return nil }
                s.fg = c
                sawColor = true
            }
        }
        return s
    }

    /// A colour the terminal cannot show, mapped to one it can: 256 → 16 → 8.
    public static func degrade(_ c: Int16, to colors: Int) -> Int16 {
        if c < 0 || Int(c) < colors { return c }
        if c >= 16 {
            if c >= 232 { return c >= 244 ? 7 : 0 }  // greys
            let i = Int(c) - 16
            let r = i / 36, g = i / 6 % 6, b = i % 6
            let bright = max(r, g, b) >= 4
            let code = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
            let base = Int16(code == 0 && bright ? 7 : code)
            return colors >= 16 && bright ? base + 8 : base
        }
        return c - 8  // bright → normal
    }

    /// Monochrome: state by bold, reverse, underline and dim alone (and by symbols).
    public var monochrome: Theme {
        var t = self
        for (k, v) in styles { t.styles[k] = Style(bold: v.bold, reverse: v.reverse, underline: v.underline, dim: v.dim) }
        t.name = name + " (no colour)"
        return t
    }

    public static let builtinDefault: Theme = {
        var styles: [String: Style] = [:]
        for (k, v) in defaultSpecs { styles[k] = parseStyle(v)! }
        return Theme(name: "default", styles: styles)
    }()

    /// The default theme's styles; `themes/default.toml` holds the same (a test checks).
    public static let defaultSpecs: [(String, String)] = [
        ("header", "white on blue bold"), ("header.demo", "black on yellow bold"), ("footer", "white on 236"),
        ("footer.key", "yellow on 236 bold"), ("title", "cyan bold"), ("title.focus", "bright-white on cyan bold"),
        ("border", "240"), ("border.focus", "cyan bold"), ("selection", "reverse"), ("muted", "244"), ("text", "default"),
        ("clock.ok", "green"), ("clock.due_soon", "yellow bold"), ("clock.breached", "bright-red bold"), ("clock.paused", "blue"),
        ("clock.met", "green dim"), ("duty.done", "green"), ("duty.due", "yellow"), ("duty.missed", "red bold"), ("duty.upcoming", "244"),
        ("gauge.ok", "green"), ("gauge.bad", "red"), ("gauge.empty", "240"), ("alert", "bright-white on red bold"),
        ("confirm", "black on green bold"), ("message", "black on cyan"), ("help", "white on 236"),
    ]

    /// `mono` works with no file at all (NO_COLOR).
    public static let builtinMono: Theme = {
        var styles: [String: Style] = [:]
        for (k, v) in monoSpecs { styles[k] = parseStyle(v)! }
        return Theme(name: "mono", styles: styles)
    }()

    public static let monoSpecs: [(String, String)] = [
        ("header", "reverse bold"), ("header.demo", "reverse bold underline"), ("footer", "reverse"), ("footer.key", "reverse bold"),
        ("title", "bold"), ("title.focus", "reverse bold"), ("border", "dim"), ("border.focus", "bold"), ("selection", "reverse"),
        ("muted", "dim"), ("text", "default"), ("clock.ok", "default"), ("clock.due_soon", "bold"), ("clock.breached", "bold underline"),
        ("clock.paused", "dim"), ("clock.met", "dim"), ("duty.done", "default"), ("duty.due", "bold"), ("duty.missed", "bold underline"),
        ("duty.upcoming", "dim"), ("gauge.ok", "bold"), ("gauge.bad", "underline"), ("gauge.empty", "dim"), ("alert", "reverse bold"),
        ("confirm", "reverse bold"), ("message", "reverse"), ("help", "default"),
    ]

    /// The text of a theme file for a list of specs (what `themes/*.toml` hold).
    public static func fileText(name: String, _ specs: [(String, String)], comment: String) -> String {
        var s =
            "# Wuye theme: \(comment)\n# Semantic names → \"fg [on bg] [bold] [reverse] [underline] [dim]\"; see docs/themes.md.\nname = \"\(name)\"\n\n[styles]\n"
        for (k, v) in specs { s += "\"\(k)\" = \"\(v)\"\n" }
        return s
    }
}

/// Finds and loads themes: built in (`default`, `mono`), then `themes/` folders.
public enum ThemeLoader {
    /// Where theme files are looked for, in order.
    public static func folders() -> [String] {
        var out: [String] = []
        let env = ProcessInfo.processInfo.environment
        if let d = env["WUYE_THEMES"], !d.isEmpty { out.append(d) }
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        out.append(config + "/wuye/themes")
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        out.append(exe.appendingPathComponent("themes").path)
        // Built with SwiftPM: .build/<triple>/<config>/wuye → the package's themes/.
        out.append(exe.appendingPathComponent("../../../themes").standardized.path)
        out.append(exe.appendingPathComponent("../../themes").standardized.path)
        out.append(FileManager.default.currentDirectoryPath + "/themes")
        return out
    }

    /// The theme to use, and warnings to show. `NO_COLOR` (set, non-empty) gives `mono`.
    /// The theme asked for (else the default; monochrome under `NO_COLOR`), with the ASCII
    /// symbols when the terminal draws no more.
    public static func load(_ requested: String?, ascii: Bool = false) -> (Theme, [String]) {
        var (theme, warnings) = loadFile(requested, ascii: ascii)
        if ascii, !theme.glyphs.ascii { theme.glyphs = .asciiSet }
        return (theme, warnings)
    }

    static func loadFile(_ requested: String?, ascii: Bool) -> (Theme, [String]) {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let name = noColor ? "mono" : (requested ?? "default")
        for folder in folders() {
            let path = folder + "/" + name + ".toml"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do {
                let (t, w) = try Theme.parse(String(decoding: data, as: UTF8.self), name: name, ascii: ascii)
                return (noColor ? t.monochrome : t, w)
            } catch {
                return (noColor ? Theme.builtinMono : Theme.builtinDefault, ["\(error.message); using the default theme"])
            }
        }
        switch name {
        case "default": return (Theme.builtinDefault, [])
        case "mono": return (Theme.builtinMono, [])
        default: return (Theme.builtinDefault, ["no theme named \(name) (looked in \(folders().first ?? "themes/")); using the default"])
        }
    }
}
