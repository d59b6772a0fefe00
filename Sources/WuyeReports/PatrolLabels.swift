import CQRencode
import WuyeCore

/// A QR code's modules: `dark(x, y)` for each of `size` × `size`, from libqrencode.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    public let modules: [Bool]

    /// Encodes `text` as 8-bit data with error correction level M (15 % of a label may be
    /// scratched or dirty and it still reads). Nil when the text is too long for a QR code.
    public init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let w = Int(code.pointee.width)
        let data = code.pointee.data!
        size = w
        // Bit 0 of each byte is the module's colour (1 dark); the other bits say what it is for.
        modules = (0..<(w * w)).map { data[$0] & 1 == 1 }
    }

    public func dark(_ x: Int, _ y: Int) -> Bool { modules[y * size + x] }

    /// The code as inline SVG: one path of unit squares, with the four-module quiet zone
    /// the standard asks for, scaled by the page.
    public func svg(pixels: Int) -> String {
        let side = size + 8
        var d = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard dark(x, y) else {
                    x += 1
                    continue
                }
                // A run of dark modules on a row is one rectangle.
                var run = 1
                while x + run < size && dark(x + run, y) { run += 1 }
                d += "M\(x + 4) \(y + 4)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(pixels)" height="\(pixels)" \
            shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(d)"/></svg>
            """
    }
}

/// The printable labels of a patrol route: an A4 page (or several) with each checkpoint's
/// name and code, in walking order, as text and as a QR code that a scanner reads.
public enum PatrolLabels {
    public enum Problem: Error, Sendable { case tooLong(String) }

    public static func html(site: Site, route: PatrolRoute, made: String) throws(Problem) -> String {
        var cards = ""
        for (i, cp) in route.checkpoints.enumerated() {
            guard let qr = QRCode(cp.code) else { throw .tooLong(cp.code) }
            cards += """
                <div class="label"><div class="qr">\(qr.svg(pixels: 160))</div>\
                <div class="text"><div class="name">\(HTMLReport.escape(cp.name))</div>\
                <div class="code">\(HTMLReport.escape(cp.code))</div>\
                <div class="route">\(HTMLReport.escape(site.name)) · \(HTMLReport.escape(route.name)) · \(i + 1)/\(route.checkpoints.count)</div>\
                </div></div>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <title>\(HTMLReport.escape(route.name)) (\(HTMLReport.escape(route.id))) — checkpoint labels</title>
            <style>
            @page { size: A4; margin: 12mm; }
            body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 0; }
            h1 { font-size: 14pt; margin: 0 0 4mm 0; }
            .sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
            .label { border: 0.4mm dashed #888; padding: 4mm; display: flex; align-items: center; gap: 4mm;
                     break-inside: avoid; page-break-inside: avoid; height: 48mm; box-sizing: border-box; }
            .qr svg { width: 38mm; height: 38mm; display: block; }
            .name { font-size: 16pt; font-weight: bold; }
            .code { font-family: "DejaVu Sans Mono", monospace; font-size: 18pt; letter-spacing: 0.5mm; margin: 2mm 0; }
            .route { font-size: 9pt; color: #444; }
            footer { font-size: 8pt; color: #666; margin-top: 4mm; }
            </style></head>
            <body>
            <h1>\(HTMLReport.escape(site.name)) · \(HTMLReport.escape(route.name)) (\(HTMLReport.escape(route.id)))</h1>
            <div class="sheet">
            \(cards)</div>
            <footer>\(HTMLReport.escape(made)) · cut along the dashed lines; stick each label at its checkpoint in walking order.</footer>
            </body></html>

            """
    }
}
