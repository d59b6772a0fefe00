import Foundation
import Testing
import WuyeCore

@Suite("TOML, standards and site files")
struct ConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func tomlBasics() throws {
        let t = try TOMLParser.parse(
            """
            # comment
            name = "锦绣 \\"花园\\"" # trailing
            n = 1_000
            f = 0.75
            ok = true
            list = ["a", 'b',
              "c"]
            [a.b]
            x = 1
            [[rows]]
            code = "1"
            [[rows]]
            code = "2"
            inline = { k = "v", m = 2 }
            """)
        #expect(t["name"] == .string("锦绣 \"花园\""))
        #expect(t["n"] == .integer(1000))
        #expect(t["f"] == .float(0.75))
        #expect(t["ok"] == .bool(true))
        #expect(t["list"] == .array([.string("a"), .string("b"), .string("c")]))
        guard case .table(let a)? = t["a"], case .table(let b)? = a["b"] else {
            Issue.record("no [a.b]")
            return
        }
        #expect(b["x"] == .integer(1))
        guard case .array(let rows)? = t["rows"] else {
            Issue.record("no rows")
            return
        }
        #expect(rows.count == 2)
    }

    @Test func tomlErrorsNameTheLine() {
        #expect(throws: TOMLError(line: 3, message: "'bare' is not a value; strings need quotes")) {
            try TOMLParser.parse("a = 1\n\nb = bare\n")
        }
        #expect(throws: TOMLError(line: 2, message: "the key 'a' is given twice")) { try TOMLParser.parse("a = 1\na = 2") }
        #expect(throws: TOMLError.self) { try TOMLParser.parse("a = \"open") }
        #expect(throws: TOMLError.self) { try TOMLParser.parse("[t]\n[t]") }
    }

    @Test func builtInStandardsFileIsTheDefault() throws {
        #expect(try Standards.parse(Standards.defaultTOML) == Standards())
    }

    @Test func standardsOverrideAndRefuseMistakes() throws {
        let s = try Standards.parse("[clocks.complaint]\nresponse_minutes = 20\n[targets]\nsatisfaction = 85\n")
        #expect(s.clocks.complaintResponse == 1200)
        #expect(s.targets.satisfaction == 85)
        #expect(s.clocks.complaintResult == 86400)
        #expect(
            throws: WuyeError.badInput(
                "f.toml: line 2: unknown key clocks.complaint.respons_minutes; see docs/configuration.md for the keys allowed")
        ) {
            try Standards.parse("[clocks.complaint]\nrespons_minutes = 20\n", file: "f.toml")
        }
        #expect(throws: WuyeError.badInput("f.toml: line 2: clocks.due_soon_share must be between 0.05 and 0.99, got 1.5")) {
            try Standards.parse("[clocks]\ndue_soon_share = 1.5\n", file: "f.toml")
        }
        #expect(throws: WuyeError.self) { try Standards.parse("[duties.cleaning]\nwindows = [\"9-10\"]\n") }
    }

    @Test func exampleSiteFileIsTheDemoSite() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/example-site.toml"), encoding: .utf8)
        #expect(text == DemoSite.toml + "\n")
        let f = try SiteFile.parse(text)
        #expect(f.site.id == "jinxiu")
        #expect(f.site.units.count == 18 * 4 * 3 + 18 * 2)
        #expect(f.site.units.contains("3-1802"))
        #expect(f.site.households == 432)
        #expect(f.site.routes.first?.checkpoints.map(\.code) == ["CP-N-01", "CP-N-02", "CP-N-03", "CP-N-04"])
        #expect(f.staff.count == 8)
        #expect(f.staff.first { $0.id == "sup-huang" }?.site == nil)
        _ = try SiteFile.parse(DemoSite.officeTOML)
    }

    @Test func siteFileErrorsNameTheLine() {
        #expect(throws: WuyeError.badInput("s.toml: line 3: site.time_zone 'Mars/Base' is not an IANA zone such as Asia/Shanghai")) {
            try SiteFile.parse("[site]\nid = \"x\"\ntime_zone = \"Mars/Base\"\nname = \"X\"\n", file: "s.toml")
        }
        #expect(throws: WuyeError.self) {
            try SiteFile.parse(
                "[site]\nid = \"x\"\nname = \"X\"\n[[routes]]\nid = \"r\"\ncheckpoints = [{ code = \"A\" }, { code = \"A\" }]\n")
        }
        #expect(throws: WuyeError.self) { try SiteFile.parse("[site]\nid = \"中文\"\nname = \"X\"\n") }
    }
}
