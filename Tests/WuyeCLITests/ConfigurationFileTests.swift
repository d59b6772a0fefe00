import Foundation
import Testing
import WuyeCore

/// Configuration files as a supervisor really writes them: in Notepad, with Windows line
/// ends, and with the odd typo.
@Suite("Configuration files on the real binary")
struct ConfigurationFileTests {
    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T10:00:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    func responseLimit(_ cli: CLI, _ id: String) throws -> Int? {
        let list = try cli.json(["complaint", "list", "--json"]) as! [[String: Any]]
        return ((list.first { $0["id"] as? String == id }?["clocks"] as? [[String: Any]])?.first)?["limit_seconds"] as? Int
    }

    @Test func aWindowsEditedStandardsFileChangesTheClocksOfComplaintsOpenedAfterwards() throws {
        let cli = try demo()
        let defaults = try cli.run(["standards", "show", "--defaults"]).out
        let edited = defaults.replacingOccurrences(of: "response_minutes = 30 ", with: "response_minutes = 20 ")
            .replacingOccurrences(of: "\n", with: "\r\n")
        #expect(edited.contains("response_minutes = 20 "))
        let file = cli.home + "/standards.toml"
        try edited.write(toFile: file, atomically: true, encoding: .utf8)

        let events = try cli.eventCount()
        let dry = try cli.run(["standards", "load", file, "--dry-run"], as: "sup-huang")
        #expect(dry.status == 0)
        #expect(dry.out == "clocks.complaint.response_minutes 30 → 20\ndry run: nothing saved\n")
        #expect(try cli.eventCount() == events)

        let load = try cli.run(["standards", "load", file], as: "sup-huang")
        #expect(load.status == 0)
        #expect(load.out.hasPrefix("clocks.complaint.response_minutes 30 → 20\nsaved: "))

        let show = try cli.run(["standards", "show"]).out
        let line = show.split(separator: "\n").first { $0.hasPrefix("response_minutes") }.map(String.init) ?? ""
        #expect(line.hasPrefix("response_minutes = 20"))
        #expect(line.contains("# file, line "))
        #expect(show.contains("# Standards in force: 'service-quality plan (built-in)', loaded by sup-huang"))
        let json = try cli.json(["standards", "show", "--json"]) as! [[String: Any]]
        let entry = json.first { $0["key"] as? String == "clocks.complaint.response_minutes" }
        #expect(entry?["value"] as? String == "20")
        #expect(entry?["source"] as? String == "file")
        #expect(try cli.run(["standards", "show", "--file"]).out.contains("response_minutes = 20 "))

        let id = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "噪音", "--text", "楼上装修",
        ]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try responseLimit(cli, id) == 1200)
        #expect(try responseLimit(cli, "C-1") == 1800)

        // What show prints is itself a standards file, and loading it changes nothing.
        let shown = cli.home + "/shown.toml"
        try show.write(toFile: shown, atomically: true, encoding: .utf8)
        let again = try cli.run(["standards", "load", shown, "--dry-run"], as: "sup-huang")
        #expect(again.status == 0)
        #expect(again.out.hasPrefix("no value changes\n"))
    }

    @Test func aMisspeltKeyOrAnEmptyFileIsRefusedAndChangesNothing() throws {
        let cli = try demo()
        let events = try cli.eventCount()
        let typo = cli.home + "/typo.toml"
        try "[clocks.complaint]\r\nrespons_minutes = 20\r\n".write(toFile: typo, atomically: true, encoding: .utf8)
        let r = try cli.run(["standards", "load", typo], as: "sup-huang")
        #expect(r.status == 2)
        #expect(
            r.err
                == "wuye: \(typo): line 2, column 1: unknown key clocks.complaint.respons_minutes; see docs/configuration.md for the keys allowed\n"
        )
        let empty = cli.home + "/empty.toml"
        try "# all commented out\r\n# response_minutes = 20\r\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let e = try cli.run(["standards", "load", empty], as: "sup-huang")
        #expect(e.status == 2)
        #expect(e.firstErrorLine.contains("sets nothing"))
        #expect(try cli.eventCount() == events)
        #expect(try cli.run(["standards", "show"]).out.contains("# Standards in force: the built-in service-quality plan"))
    }

    @Test func aWindowsEditedSiteFileLoadsAndAReloadSaysWhatItChanges() throws {
        let cli = try demo()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/example-site.toml"), encoding: .utf8)
        let file = cli.home + "/site.toml"
        try text.replacingOccurrences(of: "name = \"锦绣花园\"", with: "name = \"锦绣花园一期\"")
            .replacingOccurrences(of: "\n", with: "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
        let events = try cli.eventCount()
        let dry = try cli.run(["init", "--site", file, "--dry-run"], as: "sup-huang")
        #expect(dry.status == 0)
        #expect(dry.out == "site.name 锦绣花园 → 锦绣花园一期\ndry run: nothing saved\n")
        #expect(try cli.eventCount() == events)
        let load = try cli.run(["init", "--site", file], as: "sup-huang")
        #expect(load.status == 0)
        #expect(load.out.hasPrefix("site.name 锦绣花园 → 锦绣花园一期\nsaved: site jinxiu"))
        let fresh = CLI()
        let first = try fresh.run(["init", "--site", file], as: nil)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("saved: site jinxiu (锦绣花园一期), 252 units"))
    }
}
