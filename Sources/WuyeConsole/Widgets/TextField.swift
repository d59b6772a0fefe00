import WuyeCore

/// One line of text being typed: Chinese as well as English. The cursor moves by whole
/// characters and is drawn by display column; Backspace removes a whole character; a
/// paste arrives whole; the length limit is kept and shown.
public struct TextField: Sendable, Equatable {
    public private(set) var text: [Character] = []
    /// Between characters: 0…text.count.
    public private(set) var cursor = 0
    public let limit: Int
    /// Line breaks are kept (an owner's message) or turned into spaces.
    public let multiLine: Bool
    /// Shown as dots (a PIN).
    public let secret: Bool

    public init(_ initial: String = "", limit: Int, multiLine: Bool = false, secret: Bool = false) {
        self.limit = limit
        self.multiLine = multiLine
        self.secret = secret
        text = Array(initial.prefix(limit))
        cursor = text.count
    }

    public var value: String { String(text) }
    public var isEmpty: Bool { text.isEmpty }

    /// Inserts what was typed or pasted; returns false when the limit cut it short.
    @discardableResult
    public mutating func insert(_ s: String) -> Bool {
        var added: [Character] = []
        for c in s {
            // Controls never enter a field (a pasted escape sequence, a stray CR).
            if c.unicodeScalars.contains(where: { StoredText.forbidden(in: String($0), lineBreaks: multiLine) != nil }) {
                if c == "\r\n" || c == "\r" || c == "\n" { added.append(multiLine ? "\n" : " ") }
                continue
            }
            added.append(c)
        }
        let room = limit - text.count
        let fits = added.count <= room
        text.insert(contentsOf: added.prefix(max(0, room)), at: cursor)
        cursor += min(added.count, max(0, room))
        return fits
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        if cursor < text.count { text.remove(at: cursor) }
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(text.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = text.count }
    public mutating func clear() {
        text = []
        cursor = 0
    }

    /// The part shown in `width` columns, scrolled so the cursor is visible, and the
    /// cursor's column in it.
    public func visible(width: Int) -> (String, Int) {
        guard width > 0 else { return ("", 0) }
        let shown = text.map { secret ? "•" : $0 == "\n" ? "↵" : InertText.make(String($0)) }
        var start = 0
        func columns(_ a: Int, _ b: Int) -> Int { shown[a..<b].reduce(0) { $0 + DisplayWidth.of($1) } }
        // Leave a column for the cursor after the last character.
        while start < cursor && columns(start, cursor) + 1 > width { start += 1 }
        var out = ""
        var used = 0
        for s in shown[start...] {
            let w = DisplayWidth.of(s)
            if used + w > width { break }
            out += s
            used += w
        }
        return (out, columns(start, cursor))
    }
}
