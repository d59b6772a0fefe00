import Foundation
import Testing
import WuyeTestSupport

/// `wuye patrol labels`: a printable page whose QR codes a scanner reads back as the codes.
@Suite("Checkpoint labels")
struct LabelTests {
    static let zbarimg = "/usr/bin/zbarimg"

    /// Each QR code of the page as a grey-scale image (PGM), drawn from the SVG the page
    /// holds: what a printer would put on paper.
    static func images(_ html: String) -> [(side: Int, pixels: [UInt8])] {
        var out: [(Int, [UInt8])] = []
        let scale = 6
        for svg in html.components(separatedBy: "<svg").dropFirst() {
            guard let vb = svg.range(of: "viewBox=\"0 0 "), let d = svg.range(of: "d=\"") else { continue }
            let side = Int(svg[vb.upperBound...].prefix { $0.isNumber })!
            let path = svg[d.upperBound...].prefix { $0 != "\"" }
            var px = [UInt8](repeating: 255, count: side * scale * side * scale)
            // M x y h run v1 h-run z: one dark run of a row.
            for square in path.split(separator: "z") {
                let n = square.split { !$0.isNumber }.compactMap { Int($0) }
                guard n.count >= 3 else { continue }
                let (x, y, run) = (n[0], n[1], n[2])
                for yy in (y * scale)..<((y + 1) * scale) {
                    for xx in (x * scale)..<((x + run) * scale) { px[yy * side * scale + xx] = 0 }
                }
            }
            out.append((side * scale, px))
        }
        return out
    }

    @Test func theLabelsPageNamesEveryCheckpointAndItsQRCodesReadBack() throws {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        let file = cli.home + "/north.html"
        let r = try cli.run(["patrol", "labels", "--route", "NORTH-ROUTE", "--output", file])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("saved: 4 labels of north-route"))
        let html = try String(contentsOfFile: file, encoding: .utf8)
        let codes = ["CP-N-01", "CP-N-02", "CP-N-03", "CP-N-04"]
        for c in codes + ["北门岗亭", "水泵房", "@page { size: A4", "1/4", "4/4"] { #expect(html.contains(c), "\(c)") }
        #expect(!html.contains("<script"))
        // Standard output when no file is named; an unknown route says which there are.
        #expect(try cli.run(["patrol", "labels", "--route", "garage-route"]).out.contains("CP-G-03"))
        let unknown = try cli.run(["patrol", "labels", "--route", "nowhere"])
        #expect(unknown.status == 3)
        #expect(unknown.firstErrorLine.contains("jinxiu/north-route"))
        let images = LabelTests.images(html)
        #expect(images.count == 4)
        guard FileManager.default.isExecutableFile(atPath: LabelTests.zbarimg) else {
            print("zbarimg is not installed (apt-get install -y zbar-tools): the QR codes were not decoded")
            return
        }
        var read: [String] = []
        for (i, img) in images.enumerated() {
            let path = cli.home + "/qr\(i).pgm"
            var data = Data("P5 \(img.side) \(img.side) 255\n".utf8)
            data.append(contentsOf: img.pixels)
            try data.write(to: URL(fileURLWithPath: path))
            let (status, out, _) = try Child.run(LabelTests.zbarimg, ["-q", "--raw", path])
            #expect(status == 0)
            read.append(out.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(read == codes)
    }
}
