import WuyeCore

/// A text attribute set: what a theme maps a semantic name to.
public struct Style: Hashable, Sendable {
    public var fg: Int16
    public var bg: Int16
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(fg: Int16 = -1, bg: Int16 = -1, bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
}

/// One terminal cell: a character (a grapheme cluster) and its style. A wide character
/// occupies its cell and marks the next one as its continuation.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    /// The right half of a wide character: drawn by the cell to its left.
    public var continuation: Bool

    public init(_ text: String = " ", style: Style = .plain, continuation: Bool = false) {
        self.text = text
        self.style = style
        self.continuation = continuation
    }

    public static let blank = Cell()
}

/// A rectangle of a grid.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The rectangle less `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// What panes draw into: an in-memory screen of cells. The console flushes it to
/// ncurses (only the cells that changed); tests compare it line by line.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The symbols this terminal draws (the theme's; ASCII on a terminal without more).
    public var glyphs = Glyphs.unicode

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func fill(_ r: Rect, style: Style = .plain) {
        let (x0, x1) = (max(0, r.x), min(width, r.x + r.width))
        guard x0 < x1 else { return }
        for y in max(0, r.y)..<min(height, r.y + r.height) {
            release(x0, x1, y: y)
            for x in x0..<x1 { self[x, y] = Cell(" ", style: style) }
        }
    }

    /// Columns `x0..<x1` of row `y` are about to be written over: a wide character cut by
    /// either edge loses its other half too, so no half of one is left drawn, or taken for
    /// a column, outside them.
    private mutating func release(_ x0: Int, _ x1: Int, y: Int) {
        if x0 > 0, x0 < width, self[x0, y].continuation { self[x0 - 1, y] = Cell(" ", style: self[x0 - 1, y].style) }
        if x1 < width, self[x1, y].continuation { self[x1, y] = Cell(" ", style: self[x1, y].style) }
    }

    /// The one-character strings of the ASCII bytes.
    static let ascii: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Writes text at (x, y), clipped to `maxWidth` columns and to the grid; owners' text
    /// is made inert first, and a wide character that does not fit is not cut in half.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width, width - max(0, x))
        guard limit > 0 else { return 0 }
        var col = x
        var used = 0
        var last = (col: -1, width: 0)
        var shown = InertText.make(text)
        if !glyphs.replace.isEmpty { shown = shown.map { glyphs.draw($0) ?? String($0) }.joined() }
        // Places one character of `w` columns; false once the text is cut.
        func place(_ ch: String, _ w: Int) -> Bool {
            if used + w > limit {
                // Cut: the last column shows `…`, so nobody takes a cut text for the whole
                // (in the column left free by a wide character, else over the last one).
                if used < limit, col >= 0, col < width {
                    release(col, col + 1, y: y)
                    self[col, y] = Cell(glyphs.glyph("cut"), style: style)
                    used += 1
                } else if last.col >= 0 {
                    self[last.col, y] = Cell(glyphs.glyph("cut"), style: self[last.col, y].style)
                    if last.width == 2, last.col + 1 < width { self[last.col + 1, y] = Cell(" ", style: self[last.col, y].style) }
                }
                return false
            }
            if col >= 0 {
                release(col, col + w, y: y)
                self[col, y] = Cell(ch, style: style)
                if w == 2, col + 1 < width { self[col + 1, y] = Cell("", style: style, continuation: true) }
            }
            if col >= 0 { last = (col, w) }
            col += w
            used += w
            return true
        }
        // Printable ASCII (most of a screen: ids, times, figures, borders' labels) is one
        // column a byte, without breaking the text into characters.
        if shown.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for b in shown.utf8 where !place(CellGrid.ascii[Int(b)], 1) { break }
        } else if DisplayWidth.plainWidth(shown) != nil {
            // Chinese text, punctuation and symbols that never join a neighbour: each
            // scalar is a character of its own, so no grapheme breaking is needed.
            for u in shown.unicodeScalars where !place(String(Character(u)), DisplayWidth.of(u)) { break }
        } else {
            for ch in shown {
                let w = DisplayWidth.of(ch)
                if w == 0 { continue }
                if !place(String(ch), w) { break }
            }
        }
        return used
    }

    /// The text of one row, as a test compares it (trailing spaces kept).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].continuation { s += self[x, y].text }
        return s
    }

    public var lines: [String] { (0..<height).map(line) }
}

/// A run of changed cells with one style: what the terminal is asked to write.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
    public var style: Style
    /// Columns it covers (a wide character counts two).
    public var cells: Int

    public init(x: Int, y: Int, text: String, style: Style, cells: Int) {
        self.x = x
        self.y = y
        self.text = text
        self.style = style
        self.cells = cells
    }
}

extension CellGrid {
    /// The runs that turn `previous` into this grid: only changed cells, grouped by style,
    /// whole characters only (a changed wide character is written whole, its continuation
    /// with it). Nil `previous` (or another size) means everything.
    public func diff(from previous: CellGrid?) -> [CellRun] {
        var same: [Cell]?
        if let p = previous, p.width == width, p.height == height { same = p.cells }
        let unchanged = same ?? []
        var runs: [CellRun] = []
        // Both frames are read in place, a cell compared where it lies: the console does
        // this for every cell of the screen every second.
        cells.withUnsafeBufferPointer { now in
            unchanged.withUnsafeBufferPointer { before in
                let full = same == nil
                for y in 0..<height {
                    let row = y * width
                    var x = 0
                    while x < width {
                        let i = row + x
                        if now[i].continuation || (!full && before[i] == now[i]) {
                            x += 1
                            continue
                        }
                        var text = ""
                        let start = x
                        let style = now[i].style
                        while x < width {
                            let j = row + x
                            if now[j].style != style { break }
                            if !full, before[j] == now[j], !now[j].continuation { break }
                            if !now[j].continuation { text += now[j].text.isEmpty ? " " : now[j].text }
                            x += 1
                        }
                        runs.append(CellRun(x: start, y: y, text: text, style: style, cells: x - start))
                    }
                }
            }
        }
        return runs
    }
}
