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
        #expect(
            throws: TOMLError(
                line: 3, column: 5, message: "'bare' is not a value; text needs quotes (\"…\"), switches are true or false")
        ) {
            try TOMLParser.parse("a = 1\n\nb = bare\n")
        }
        #expect(throws: TOMLError(line: 2, column: 1, message: "the key a is given twice (first at line 1)")) {
            try TOMLParser.parse("a = 1\na = 2")
        }
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
                "f.toml: line 2, column 1: unknown key clocks.complaint.respons_minutes; see docs/configuration.md for the keys allowed")
        ) {
            try Standards.parse("[clocks.complaint]\nrespons_minutes = 20\n", file: "f.toml")
        }
        #expect(throws: WuyeError.badInput("f.toml: line 2, column 1: clocks.due_soon_share must be between 0.05 and 0.99, got 1.5")) {
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

    /// Shifts: the site file's times (else 08:00 and 20:00); the shift a moment falls in
    /// starts at the latest of them by then, yesterday's evening one after midnight.
    @Test func shiftsComeFromTheSiteFile() throws {
        let base = DemoSite.officeTOML
        let f = try SiteFile.parse(base.replacingOccurrences(of: "[site]\n", with: "[site]\nshifts = [\"07:00\", \"15:00\", \"23:00\"]\n"))
        #expect(f.site.shifts == ["07:00", "15:00", "23:00"])
        let zone = f.site.zone
        let day = CivilDate(year: 2026, month: 11, day: 30)
        func at(_ d: CivilDate, _ h: Int, _ m: Int) -> Instant { zone.instant(LocalTime(date: d, hour: h, minute: m, second: 0)) }
        #expect(f.site.shiftStart(at: at(day, 14, 59)) == at(day, 7, 0))
        #expect(f.site.shiftStart(at: at(day, 15, 0)) == at(day, 15, 0))
        #expect(f.site.shiftStart(at: at(day, 3, 0)) == at(day.adding(days: -1), 23, 0))
        var plain = f.site
        plain.shifts = nil
        #expect(plain.shiftStart(at: at(day, 3, 0)) == at(day.adding(days: -1), 20, 0))
        #expect(plain.shiftStart(at: at(day, 8, 0)) == at(day, 8, 0))
        for bad in ["[\"8:00\"]", "[\"20:00\", \"08:00\"]", "[\"08:00\", \"08:00\"]", "[\"24:00\"]", "[]"] {
            #expect(throws: WuyeError.self, "\(bad)") {
                try SiteFile.parse(base.replacingOccurrences(of: "[site]\n", with: "[site]\nshifts = \(bad)\n"))
            }
        }
    }

    @Test func siteFileErrorsNameTheLine() {
        #expect(
            throws: WuyeError.badInput("s.toml: line 3, column 1: site.time_zone 'Mars/Base' is not an IANA zone such as Asia/Shanghai")
        ) {
            try SiteFile.parse("[site]\nid = \"x\"\ntime_zone = \"Mars/Base\"\nname = \"X\"\n", file: "s.toml")
        }
        #expect(throws: WuyeError.self) {
            try SiteFile.parse(
                "[site]\nid = \"x\"\nname = \"X\"\n[[routes]]\nid = \"r\"\ncheckpoints = [{ code = \"A\" }, { code = \"A\" }]\n")
        }
        #expect(throws: WuyeError.self) { try SiteFile.parse("[site]\nid = \"中文\"\nname = \"X\"\n") }
    }

    @Test func exampleFilesReadTheSameWithWindowsLineEnds() throws {
        let site = try String(contentsOf: Self.root.appendingPathComponent("docs/example-site.toml"), encoding: .utf8)
        for text in [site, DemoSite.officeTOML] {
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try SiteFile.parse(crlf) == (try SiteFile.parse(text)))
        }
        let std = Standards.defaultTOML.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Standards.parse(std) == Standards())
        // The supervisor's Notepad edit: with CRLF, the edited line is in force.
        let edited = std.replacingOccurrences(of: "response_minutes = 30 ", with: "response_minutes = 20 ")
        #expect(try Standards.parse(edited).clocks.complaintResponse == 20 * 60)
    }

    @Test func aMisspeltKeyAWrongTypeOrANearlyEmptyFileIsRefused() {
        #expect(
            throws: WuyeError.badInput("f.toml: line 2, column 1: clocks.complaint.response_minutes must be a whole number, not a string")
        ) {
            try Standards.parse("[clocks.complaint]\r\nresponse_minutes = \"20\"\r\n", file: "f.toml")
        }
        #expect(throws: WuyeError.self) { try Standards.parse("[clocks.complaint]\nresponse_minutes = 20.5\n") }
        for nothing in ["", "# only a comment\r\n", "[clocks]\n[targets]\n"] {
            #expect(throws: WuyeError.self, "\(nothing.debugDescription)") { try Standards.parse(nothing, file: "f.toml") }
        }
        do {
            _ = try Standards.parse("# comment\r\n", file: "f.toml")
        } catch {
            #expect(error.message.hasPrefix("f.toml sets nothing"))
        }
        // A site name or unit with a control character is refused where it is written.
        #expect(
            throws: WuyeError.badInput(
                "s.toml: line 3, column 1: site.name contains ESC (U+001B); remove it (control characters cannot be stored)")
        ) {
            try SiteFile.parse("[site]\nid = \"x\"\nname = \"X\\u001b]52;c;aGk=\\u0007\"\n", file: "s.toml")
        }
        #expect(throws: WuyeError.self) { try SiteFile.parse("[site]\nid = \"x\"\nname = \"X\"\nunits = [\"1\\u0000\"]\n") }
        #expect(throws: WuyeError.self) { try SiteFile.parse("[site]\nid = \"x\"\nname = \"X\\u0085\"\n") }
    }

    /// Standards recorded in a journal before a target existed still read: the new target
    /// takes the plan's default.
    @Test func standardsRecordedBeforeANewTargetStillRead() throws {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Standards())) as! [String: Any]
        var targets = json["targets"] as! [String: Any]
        targets.removeValue(forKey: "callbackRate")
        targets.removeValue(forKey: "callbackTimeliness")
        targets["satisfaction"] = 85
        json["targets"] = targets
        let old = try JSONDecoder().decode(Standards.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.targets.callbackRate == 1.0 && old.targets.callbackTimeliness == 0.90)
        #expect(old.targets.satisfaction == 85)
    }

    @Test func theStandardsInForceAreListedKeyByKeyAndComparedValueByValue() throws {
        // Every key of the built-in file is listed, in the same order, and no other.
        let listed = Standards().entries.map(\.key)
        let written = Standards.keysSet(in: Standards.defaultTOML)
        #expect(Set(listed) == Set(written.keys))
        #expect(listed == listed.sorted { written[$0]!.line < written[$1]!.line })
        let changed = try Standards.parse("[clocks.complaint]\nresponse_minutes = 20\n[duties.watering]\ndays = [\"tue\"]\n")
        #expect(
            Standards().changes(to: changed) == [
                "clocks.complaint.response_minutes 30 → 20", "duties.watering.days [\"mon\", \"wed\", \"fri\"] → [\"tue\"]",
            ])
        #expect(Standards().changes(to: Standards()) == [])
        #expect(Standards.keysSet(in: "a = 1\r\n[b]\r\nc = 2\r\n")["b.c"] == TOMLPosition(line: 3, column: 1))
    }

    @Test func aSiteReloadSaysWhatItChanges() throws {
        let file = try SiteFile.parse(DemoSite.toml)
        var old = file.site
        old.name = "旧名"
        old.units.removeLast(2)
        old.locations.removeFirst()
        old.routes[0].checkpoints.removeLast()
        var staff = file.staff
        staff[0].name = "someone else"
        staff.removeLast()
        let changes = SiteChanges.between(old, staff: staff, and: file)
        #expect(changes.contains("site.name 旧名 → \(file.site.name)"))
        #expect(changes.contains { $0.hasPrefix("units added (2): ") })
        #expect(changes.contains { $0.hasPrefix("location \(file.site.locations[0].id) added: ") })
        #expect(changes.contains { $0.hasPrefix("route \(file.site.routes[0].id) changed: ") })
        #expect(changes.contains { $0.hasPrefix("staff \(file.staff[0].id) changed: someone else") })
        #expect(changes.contains { $0.hasPrefix("staff \(file.staff.last!.id) added: ") })
        #expect(changes.count == 6)
        #expect(SiteChanges.between(file.site, staff: file.staff, and: file) == [])
    }

    @Test func aSiteListsItsDepartmentsAndItsStaffBelongToOne() throws {
        let base = "[site]\nid = \"x\"\nname = \"X\"\n"
        let f = try SiteFile.parse(
            base + "[[departments]]\nid = \"engineering\"\nname = \"工程部\"\n[[departments]]\nid = \"greening\"\nname = \"绿化部\"\n"
                + "[[staff]]\nid = \"g-1\"\nrole = \"cleaner\"\ndepartment = \"绿化部\"\n[[staff]]\nid = \"t-1\"\nrole = \"technician\"\n")
        #expect(f.site.departments.map(\.id) == ["engineering", "greening"])
        #expect(f.site.department("工程部")?.id == "engineering")
        #expect(f.site.department("GREENING")?.name == "绿化部")
        #expect(f.staff.map(\.department.rawValue) == ["greening", "engineering"])
        // A site that lists none has the built-in five.
        #expect(try SiteFile.parse(base).site.departments.map(\.name) == ["客服部", "工程部", "保安部", "保洁部", "管理处"])
        // Staff of a department the site does not have are refused.
        #expect(throws: WuyeError.self) {
            try SiteFile.parse(base + "[[departments]]\nid = \"engineering\"\n[[staff]]\nid = \"d\"\nrole = \"desk\"\n")
        }
        #expect(throws: WuyeError.self) { try SiteFile.parse(base + "[[staff]]\nid = \"d\"\nrole = \"desk\"\ndepartment = \"财务部\"\n") }
        #expect(throws: WuyeError.self) { try SiteFile.parse(base + "[[departments]]\nid = \"a\"\n[[departments]]\nid = \"a\"\n") }
    }
}
