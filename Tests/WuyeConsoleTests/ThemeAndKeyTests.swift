import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeTestSupport

@Suite("Themes and the key map")
struct ThemeAndKeyTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test func everyThemeFileLoadsCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themes.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files == ["default.toml", "high-contrast.toml", "light.toml", "mono.toml"])
        for f in files {
            let text = try String(contentsOf: Self.themes.appendingPathComponent(f), encoding: .utf8)
            let (theme, warnings) = try Theme.parse(text, name: f)
            #expect(warnings == [], "\(f)")
            for n in Theme.names { #expect(theme.styles[n] != nil, "\(f) lacks \(n)") }
        }
    }

    @Test func everyThemeFileReadsTheSameWithWindowsLineEnds() throws {
        for f in try FileManager.default.contentsOfDirectory(atPath: Self.themes.path) where f.hasSuffix(".toml") {
            let lf = try String(contentsOf: Self.themes.appendingPathComponent(f), encoding: .utf8)
            let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(crlf != lf)
            let (a, wa) = try Theme.parse(lf, name: f)
            let (b, wb) = try Theme.parse(crlf, name: f)
            #expect(a == b, "\(f)")
            #expect(wa == wb)
        }
        // The key map of docs/themes.md, both ways.
        let keys = "[keys]\nquit = [\"x\"]\nmove_down = [\"J\", \"Down\"]\ntick = [\"Space\", \"t\"]\n"
        let (k1, w1) = KeyMap.load(keys, file: "keys.toml")
        let (k2, w2) = KeyMap.load(keys.replacingOccurrences(of: "\n", with: "\r\n"), file: "keys.toml")
        #expect(w1 == [] && w2 == [])
        #expect(k2.action(for: .char("x")) == .quit && k1.action(for: .char("x")) == .quit)
        #expect(k2.action(for: .char("t")) == .tick)
    }

    @Test func theDefaultFilesAreTheBuiltInThemes() throws {
        let d = try String(contentsOf: Self.themes.appendingPathComponent("default.toml"), encoding: .utf8)
        #expect(try Theme.parse(d, name: "default").0.styles == Theme.builtinDefault.styles)
        let m = try String(contentsOf: Self.themes.appendingPathComponent("mono.toml"), encoding: .utf8)
        #expect(try Theme.parse(m, name: "mono").0.styles == Theme.builtinMono.styles)
        #expect(Theme.builtinMono.styles.values.allSatisfy { $0.fg == -1 && $0.bg == -1 })
    }

    @Test func missingNamesFallBackUnknownOnesWarnBrokenFilesNameTheLine() throws {
        let (t, w) = try Theme.parse("[styles]\n\"clock.breached\" = \"magenta bold\"\n\"clock.exploded\" = \"red\"\n", name: "mine")
        #expect(t["clock.breached"] == Style(fg: 5, bold: true))
        #expect(t["clock.ok"] == Theme.builtinDefault["clock.ok"])
        #expect(w == ["theme mine: line 3, column 1: unknown name clock.exploded (ignored)"])
        #expect(throws: WuyeError.self) { try Theme.parse("[styles]\n\"selection\" = \"sparkly\"\n", name: "bad") }
        do {
            _ = try Theme.parse("[styles]\n\"selection\" = \n", name: "bad")
            Issue.record("a broken theme loaded")
        } catch {
            #expect(error.message.contains("line 2"))
        }
    }

    @Test func coloursDegradeFrom256To8() {
        #expect(Theme.degrade(196, to: 8) == 1)  // bright red → red
        #expect(Theme.degrade(46, to: 8) == 2)  // green
        #expect(Theme.degrade(9, to: 8) == 1)
        #expect(Theme.degrade(244, to: 8) == 7)
        #expect(Theme.degrade(236, to: 8) == 0)
        #expect(Theme.degrade(196, to: 256) == 196)
        #expect(Theme.degrade(-1, to: 8) == -1)
    }

    @Test func keyMapRebindsByActionIdAndReportsDuplicates() {
        let (k, w) = KeyMap.load(
            "[keys]\nquit = [\"x\"]\nmove_down = [\"J\", \"Down\"]\ntick = \"x\"\nfly = \"f\"\nhelp = [\"Hyper-7\"]\n", file: "keys.toml")
        #expect(k.action(for: .char("x")) == .quit)
        #expect(k.action(for: .char("J")) == .moveDown)
        #expect(k.action(for: .char("q")) == nil)
        #expect(k.action(for: .char("j")) == nil)
        #expect(w.contains { $0.contains("unknown action fly") })
        #expect(w.contains { $0.contains("unknown key 'Hyper-7'") })
        #expect(w.contains { $0.contains("x is bound to both quit and tick") })
        #expect(w.contains { $0.contains("line 5, column 1: unknown action fly") })
        let (_, typed) = KeyMap.load("[keys]\nquit = 7\n", file: "keys.toml")
        #expect(typed == ["key map keys.toml: line 2, column 1: quit must be a key or a list of keys, such as [\"x\", \"ctrl-x\"]"])
        #expect(KeyMap().label(.tick) == "Space")
        #expect(KeyMap.parseKey("Ctrl-L") == .ctrl("l"))
        #expect(KeyMap.parseKey("F1") == .function(1))
    }

    /// The key table in docs/themes.md names every action the key map has.
    @Test func theDocumentedKeyTableNamesEveryAction() throws {
        let doc = try String(contentsOf: Self.themes.deletingLastPathComponent().appendingPathComponent("docs/themes.md"), encoding: .utf8)
        for a in Action.allCases { #expect(doc.contains("`\(a.rawValue)`"), "docs/themes.md lacks \(a.rawValue)") }
    }
}

/// Symbols every terminal can draw: a set common monospace fonts carry, replaceable by a
/// theme, and ASCII where the terminal draws no more.
@Suite("Symbols")
struct GlyphTests {
    @Test func theBuiltInSymbolsAreInACommonMonospaceFont() throws {
        // fontconfig says which characters a font has; skipped where it is not installed.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/fc-list") else { return }
        let (_, fonts, _) = try Child.run("/usr/bin/fc-list", [":family=DejaVu Sans Mono", "family"])
        guard fonts.contains("DejaVu Sans Mono") else { return }
        var missing: [String] = []
        for s in Glyphs.table {
            let hex = String(s.glyph.unicodeScalars.first!.value, radix: 16)
            let (_, out, _) = try Child.run("/usr/bin/fc-list", [":family=DejaVu Sans Mono:charset=\(hex)", "family"])
            if !out.contains("DejaVu Sans Mono") { missing.append("\(s.name) \(s.glyph)") }
        }
        #expect(missing.isEmpty, "DejaVu Sans Mono lacks \(missing)")
        // The clocks' states among them, and not ⏸, which that font draws as an empty box.
        for st in ClockState.allCases { #expect(Glyphs.table.contains { String($0.glyph) == Countdown.symbol(st) }, "\(st)") }
    }

    @Test func theASCIISetDrawsNothingElse() throws {
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var theme = Theme.builtinDefault
        theme.glyphs = .asciiSet
        for (w, h) in [(80, 24), (100, 30)] {
            let g = ScreenTests.render(board, width: w, height: h, theme: theme)
            let text = g.lines.joined(separator: "\n")
            let allASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(allASCII, "\(text)")
            // State is still a symbol: breached X, due soon ^, paused =, emergency !.
            #expect(text.contains("X C-2") && text.contains("^ C-1") && text.contains("= C-4") && text.contains("!"))
        }
        try ScreenTests().compare(ScreenTests.render(board, width: 100, height: 30, theme: theme), "demo-100x30-ascii")
        #expect(Glyphs.terminalIsASCII(term: "linux", utf8: true) && Glyphs.terminalIsASCII(term: "vt100", utf8: true))
        #expect(!Glyphs.terminalIsASCII(term: "tmux-256color", utf8: true) && !Glyphs.terminalIsASCII(term: "xterm-256color", utf8: true))
    }

    @Test func aThemeReplacesSymbolsByName() throws {
        let (theme, warnings) = try Theme.parse(
            "[styles]\n\"alert\" = \"red bold\"\n[symbols]\npaused = \"P\"\nbreached = \"電\"\nfly = \"x\"\nrunning = \"ab\"\n", name: "t")
        #expect(theme.glyphs.glyph("paused") == "P")
        #expect(warnings.contains { $0.contains("unknown symbol fly") })
        #expect(warnings.contains { $0.contains("breached must be one character one column wide") })
        #expect(warnings.contains { $0.contains("running must be one character") })
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let g = ScreenTests.render(board, width: 100, height: 30, theme: theme)
        #expect(g.lines.contains { $0.hasPrefix(" P C-4") && $0.contains("P 23:00:00") })
        // On an ASCII terminal a theme's symbol must be ASCII too.
        let (ascii, w2) = try Theme.parse("[symbols]\npaused = \"‖\"\n", name: "t", ascii: true)
        #expect(ascii.glyphs.glyph("paused") == "=")
        #expect(w2.contains { $0.contains("draws ASCII only") })
    }
}
