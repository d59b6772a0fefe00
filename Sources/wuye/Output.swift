import Foundation
import WuyeCore

/// Writing to the terminal: data is always made inert first (design §6), and every write
/// is checked, so that a report cut short by a full disk or a closed pipe is never taken
/// for a whole one (the command then exits 4).
enum Output {
    nonisolated(unsafe) private static var pending: [UInt8] = []
    /// The error of the first write to standard output that failed, or 0.
    nonisolated(unsafe) private(set) static var failure: Int32 = 0

    /// One line (or a block of lines) of text; controls in it are shown inert.
    static func line(_ s: String = "") {
        pending.append(contentsOf: InertText.make(s, keepLineBreaks: true).utf8)
        pending.append(10)
        if pending.count >= 1 << 16 { flush() }
    }

    /// A message to the user (what was saved, what was found or not): said in the user's
    /// language, as errors are.
    static func said(_ message: String) { line(Messages.say(message)) }

    /// One line whose text was made inert already, cell by cell (`StreamedTable`).
    static func inertLine(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        pending.append(10)
        if pending.count >= 1 << 16 { flush() }
    }

    static func error(_ message: String) {
        flush()
        FileHandle.standardError.write(Data("wuye: \(InertText.make(Messages.say(message)))\n".utf8))
    }

    /// A line on stderr that is neither an error nor a warning (what is taking time).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("wuye: \(InertText.make(Messages.say(message)))\n".utf8))
    }

    static func warn(_ message: String) {
        let prefix = Messages.chinese ? "警告：" : "warning: "
        FileHandle.standardError.write(Data("wuye: \(prefix)\(InertText.make(Messages.say(message)))\n".utf8))
    }

    /// JSON is written as the writer made it: every control in a string is escaped there.
    static func json(_ w: borrowing JSONWriter) {
        flush()
        w.withBytes(writeAll)
        writeAll([10])
    }

    /// Writes what is pending to standard output.
    static func flush() {
        if pending.isEmpty { return }
        pending.withUnsafeBytes(writeAll)
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, and turns a write that failed into the command's error.
    static func finish() throws(WuyeError) {
        flush()
        // The reader went away (`wuye log | head`): it chose to stop reading; say nothing.
        if failure == EPIPE { exit(WuyeError.Kind.storeUnusable.rawValue) }
        if failure != 0 {
            throw .storeUnusable("cannot write the output (\(String(cString: strerror(failure)))); what was printed is incomplete")
        }
    }

    /// Writes bytes to standard output without another copy.
    static func writeAll(_ bytes: [UInt8]) { bytes.withUnsafeBytes(writeAll) }

    static func writeAll(_ raw: UnsafeRawBufferPointer) {
        if failure != 0 { return }
        var off = 0
        while off < raw.count {
            let n = write(1, raw.baseAddress! + off, raw.count - off)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                failure = n < 0 ? errno : EIO
                return
            }
            off += n
        }
    }

    /// A list as a JSON array, each element written by `write`.
    static func jsonArray<T>(_ list: [T], _ write: (T, inout JSONWriter) -> Void) {
        var w = JSONWriter()
        w.beginArray()
        for e in list { write(e, &w) }
        w.endArray()
        json(w)
    }

    /// Writes a whole file the way a backup is written: beside it as `.NAME.partial-PID`,
    /// flushed, then renamed into place, so that the file is either the old one or whole.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(WuyeError) {
        let url = URL(fileURLWithPath: path)
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .badInput("cannot write \(path): \(String(cString: strerror(errno)))") }
        var off = 0
        var failed: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failed = n < 0 ? errno : EIO
                    return
                }
                off += n
            }
        }
        if failed == 0, fsync(fd) != 0 { failed = errno }
        close(fd)
        if failed == 0, rename(partial, path) != 0 { failed = errno }
        if failed != 0 {
            unlink(partial)
            throw .storeUnusable("cannot write \(path) (\(String(cString: strerror(failed)))); nothing was written")
        }
    }

    /// Width for text tables: the terminal's, else `$COLUMNS`, else 100.
    static var width: Int {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        return 100
    }

    /// Lays out rows in columns measured by display width; the last column takes the rest.
    static func table(_ header: [String], _ rows: [[String]]) {
        guard !header.isEmpty else { return }
        var widths = header.map { DisplayWidth.of($0) }
        for r in rows {
            for (i, c) in r.enumerated() where i < widths.count - 1 { widths[i] = max(widths[i], DisplayWidth.of(c)) }
        }
        let total = width
        func render(_ cells: [String]) -> String {
            var out = ""
            var used = 0
            for (i, c) in cells.enumerated() {
                let cell = InertText.make(c)
                if i == cells.count - 1 {
                    out += DisplayWidth.truncate(cell, to: max(8, total - used))
                } else {
                    out += DisplayWidth.fit(cell, to: widths[i]) + "  "
                    used += widths[i] + 2
                }
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        line(render(header))
        for r in rows { line(render(r)) }
    }
}

/// A table printed row by row as the rows are read, so that memory stays flat however
/// long the list: the widths are given up front. A cell wider than its column is cut
/// with `…` where `cut` allows (free text); otherwise the row is let out to hold it
/// (an id or a countdown is never cut).
struct StreamedTable {
    let titles: [String]
    let widths: [Int]
    let cut: [Bool]
    let total = Output.width

    init(header: [String], widths: [Int], cut: [Bool]) {
        titles = header
        self.widths = widths
        self.cut = cut
    }

    func header() { Output.inertLine(render(titles)) }

    func row(_ cells: [String]) { Output.inertLine(render(cells)) }

    /// The row's bytes, each cell made inert before it is measured (so the line needs no
    /// second pass).
    private func render(_ cells: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(total * 3)
        var used = 0
        for (i, c) in cells.enumerated() {
            let cell = InertText.make(c)
            if i >= widths.count {
                out.append(contentsOf: DisplayWidth.truncate(cell, to: max(8, total - used)).utf8)
                break
            }
            let w = DisplayWidth.of(cell)
            if w > widths[i] && cut[i] {
                out.append(contentsOf: DisplayWidth.fit(cell, to: widths[i]).utf8)
            } else {
                out.append(contentsOf: cell.utf8)
                out.append(contentsOf: repeatElement(32, count: max(0, widths[i] - w)))
            }
            out.append(32)
            out.append(32)
            used += max(w, widths[i]) + 2
        }
        while out.last == 32 { out.removeLast() }
        return out
    }
}
