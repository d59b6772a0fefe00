import Foundation
import WuyeCore

/// Writing to the terminal: data is always made inert first (design §6).
enum Output {
    static func line(_ s: String = "") { print(s) }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("wuye: \(InertText.make(message))\n".utf8))
    }

    /// A line on stderr that is neither an error nor a warning (what is taking time).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("wuye: \(InertText.make(message))\n".utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("wuye: warning: \(InertText.make(message))\n".utf8))
    }

    static func json(_ w: borrowing JSONWriter) {
        fflush(nil)
        w.withBytes(writeAll)
        writeAll([10])
    }

    /// Writes bytes to standard output without another copy.
    static func writeAll(_ bytes: [UInt8]) { bytes.withUnsafeBytes(writeAll) }

    static func writeAll(_ raw: UnsafeRawBufferPointer) {
        var off = 0
        while off < raw.count {
            let n = write(1, raw.baseAddress! + off, raw.count - off)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            off += n
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
