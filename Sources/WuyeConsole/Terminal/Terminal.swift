import CNcursesW
import Foundation
import WuyeCore

/// A key from the keyboard (or a scanner, which types like one).
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    case function(Int)
    case ctrl(Character)
    case resize
    /// A bracketed paste, whole: never read as keys.
    case paste(String)
}

/// The terminal behind a small interface: the console draws a `CellGrid` and reads keys;
/// tests use a grid alone.
@MainActor
public final class Terminal {
    public private(set) var width = 0
    public private(set) var height = 0
    public private(set) var colors = 0
    private var previous: CellGrid?
    private var pairs: [Int32: Int16] = [:]
    private var started = false

    public init() {}

    /// Starts full-screen mode. A UTF-8 locale is set even under `LANG=C`, so Chinese
    /// shows instead of blanks.
    public func start() throws(WuyeError) {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            throw .badInput(
                "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot show the console; use a terminal such as xterm or tmux, or the wuye commands"
            )
        }
        guard newterm(nil, stdout_file(), stdin_file()) != nil else {
            throw .badInput("the terminal type '\(term)' is not known here; set TERM to xterm-256color, or use the wuye commands")
        }
        started = true
        set_escdelay(25)
        // raw: Ctrl-C reaches the console as a key (it cancels a form, never the console);
        // SIGTERM and SIGHUP still end it cleanly.
        raw()
        noecho()
        nonl()
        keypad(wuye_stdscr(), true)
        nodelay(wuye_stdscr(), true)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colors = has_colors() ? Int(wuye_colors()) : 0
        width = Int(wuye_cols())
        height = Int(wuye_lines())
        previous = nil
        // Bracketed paste: a paste arrives between markers, whole, never read as keys.
        Terminal.emit("\u{1B}[?2004h")
    }

    public func stop() {
        guard started else { return }
        started = false
        Terminal.emit("\u{1B}[?2004l")
        endwin()
    }

    static func emit(_ s: String) {
        _ = s.withCString { write(1, $0, strlen($0)) }
    }

    private var paste = PasteDecoder()

    /// Forgets what is on screen: the next draw repaints everything (Ctrl-L, resize).
    public func invalidate() {
        previous = nil
        clearok(wuye_stdscr(), true)
    }

    public func refreshSize() {
        width = Int(wuye_cols())
        height = Int(wuye_lines())
        previous = nil
    }

    /// Writes the cells that changed since the last draw, in runs of one style.
    /// Draws what changed since the frame on screen, and keeps `grid` as that frame. The
    /// frame before is handed back in `grid`, to be drawn over whole next time: two frames
    /// take turns, and none is copied (the console redraws every second).
    public func draw(_ grid: inout CellGrid) {
        if previous == nil || previous!.width != grid.width || previous!.height != grid.height { erase() }
        for run in grid.diff(from: previous) {
            let (x, y, text, style) = (run.x, run.y, run.text, run.style)
            // ncurses clips writes to the last column; a wide character never lands half off.
            var wide = Array(text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
            if x + run.cells >= grid.width, y == grid.height - 1 {
                // The bottom-right cell cannot be written without scrolling.
                if !wide.isEmpty { wide.removeLast() }
            }
            let (attrs, pair) = attributes(style)
            _ = wuye_draw(Int32(y), Int32(x), &wide, Int32(wide.count), attrs, pair)
        }
        if previous != nil, previous!.width == grid.width, previous!.height == grid.height {
            swap(&previous!, &grid)
        } else {
            previous = grid
        }
        wnoutrefresh(wuye_stdscr())
        doupdate()
    }

    public func bell() { beep() }

    private func attributes(_ s: Style) -> (attr_t, Int16) {
        var a: attr_t = 0
        if s.bold { a |= wuye_a_bold() }
        if s.reverse { a |= wuye_a_reverse() }
        if s.underline { a |= wuye_a_underline() }
        if s.dim { a |= wuye_a_dim() }
        guard colors > 0, s.fg >= 0 || s.bg >= 0 else { return (a, 0) }
        let fg = Int16(s.fg >= Int16(colors) ? Theme.degrade(s.fg, to: colors) : s.fg)
        let bg = Int16(s.bg >= Int16(colors) ? Theme.degrade(s.bg, to: colors) : s.bg)
        let key = Int32(fg) << 16 | Int32(UInt16(bitPattern: bg))
        if let p = pairs[key] { return (a, p) }
        let n = Int16(pairs.count + 1)
        guard Int32(n) < wuye_color_pairs() else { return (a, 0) }
        init_pair(n, fg, bg)
        pairs[key] = n
        return (a, n)
    }

    /// Reads the keys waiting, without blocking.
    public func readKeys() -> [Key] {
        var keys: [Key] = []
        while true {
            var ch: wint_t = 0
            let r = wuye_get_wch(&ch)
            if r == wuye_err() { break }
            if r == wuye_key_code_yes() {
                switch Int32(ch) {
                case KEY_UP: keys.append(.up)
                case KEY_DOWN: keys.append(.down)
                case KEY_LEFT: keys.append(.left)
                case KEY_RIGHT: keys.append(.right)
                case KEY_PPAGE: keys.append(.pageUp)
                case KEY_NPAGE: keys.append(.pageDown)
                case KEY_HOME: keys.append(.home)
                case KEY_END: keys.append(.end)
                case KEY_ENTER: keys.append(.enter)
                case KEY_BACKSPACE: keys.append(.backspace)
                case KEY_BTAB: keys.append(.backTab)
                case KEY_RESIZE:
                    refreshSize()
                    keys.append(.resize)
                default:
                    for n in 1...12 where Int32(ch) == wuye_key_f(Int32(n)) { keys.append(.function(n)) }
                }
                continue
            }
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { continue }
            switch scalar.value {
            case 10, 13: keys.append(.enter)
            case 27: keys.append(.escape)
            case 9: keys.append(.tab)
            case 8, 127: keys.append(.backspace)
            case 1...26: keys.append(.ctrl(Character(Unicode.Scalar(scalar.value + 96)!)))
            default: keys.append(.char(Character(scalar)))
            }
        }
        return paste.decode(keys)
    }
}

// The C stdio streams, through functions (Swift 6 refuses the globals).
func stdout_file() -> UnsafeMutablePointer<FILE> { fdopen(1, "w") }
func stdin_file() -> UnsafeMutablePointer<FILE> { fdopen(0, "r") }

/// Collapses a bracketed paste (`ESC [200~` … `ESC [201~`) into one `.paste` key, across
/// reads: the text inside is never taken for keys.
public struct PasteDecoder: Sendable {
    static let start: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("0"), .char("~")]
    static let end: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("1"), .char("~")]
    private var pending: [Key] = []
    private var inPaste = false
    private var text = ""

    public init() {}

    public mutating func decode(_ keys: [Key]) -> [Key] {
        var input = pending + keys
        pending = []
        var out: [Key] = []
        var i = 0
        while i < input.count {
            let marker = inPaste ? PasteDecoder.end : PasteDecoder.start
            if input[i] == .escape {
                let rest = Array(input[i...].prefix(marker.count))
                if rest == marker {
                    i += marker.count
                    if inPaste {
                        out.append(.paste(text))
                        text = ""
                    }
                    inPaste.toggle()
                    continue
                }
                if rest.count >= 2 && rest.count < marker.count && Array(marker.prefix(rest.count)) == rest {
                    // The marker may be cut between two reads: wait for the rest. (A lone Esc
                    // is the Esc key, never held back.)
                    pending = rest
                    input.removeAll()
                    break
                }
            }
            if inPaste {
                switch input[i] {
                case .char(let c): text.append(c)
                case .enter: text.append("\n")
                case .tab: text.append("\t")
                default: break
                }
            } else {
                out.append(input[i])
            }
            i += 1
        }
        return out
    }
}
