import Foundation
import Testing
import WuyeCore

/// TOML 1.0 as people write it by hand: each case is one point of the specification that
/// Wuye's files rely on, valid and invalid.
@Suite("TOML 1.0 conformance")
struct TOMLConformanceTests {
    static func parse(_ s: String) throws -> TOMLTable { try TOMLParser.parse(s) }

    static func table(_ t: TOMLTable, _ path: String...) -> TOMLTable? {
        var cur = t
        for k in path {
            switch cur[k] {
            case .table(let sub)?: cur = sub
            case .array(let a)?: guard case .table(let last)? = a.last else { return nil }; cur = last
            default: return nil
            }
        }
        return cur
    }

    /// The reason a text is refused, or nil when it is accepted.
    static func refusal(_ s: String) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(s)
            return nil
        } catch { return error }
    }

    @Test func crlfAndLfReadTheSame() throws {
        let lf = "# a comment\n[clocks.complaint]\nresponse_minutes = 20 # note\ntext = \"\"\"\nline one\nline two\"\"\"\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Self.parse(crlf) == (try Self.parse(lf)))
        #expect(Self.table(try Self.parse(crlf), "clocks", "complaint")?["response_minutes"] == .integer(20))
        // Multi-line strings keep a line feed, whatever the file's line ends.
        #expect(Self.table(try Self.parse(crlf), "clocks", "complaint")?["text"] == .string("line one\nline two"))
        #expect(try Self.parse("\u{FEFF}a = 1\r\n")["a"] == .integer(1))
        // A carriage return alone is not a line end.
        #expect(Self.refusal("a = 1\rb = 2")?.message.contains("carriage return") == true)
    }

    @Test func subTablesUnderRepeatedArrayTables() throws {
        let t = try Self.parse(
            """
            [[routes]]
            id = "north"
            [routes.schedule]
            every = 60
            [[routes.checkpoints]]
            code = "N1"
            [[routes]]
            id = "south"
            [routes.schedule]
            every = 30
            [[routes.checkpoints]]
            code = "S1"
            [[routes.checkpoints]]
            code = "S2"
            """)
        guard case .array(let routes)? = t["routes"], routes.count == 2, case .table(let south) = routes[1] else {
            Issue.record("two routes expected")
            return
        }
        guard case .table(let north) = routes[0] else { return }
        #expect(Self.table(north, "schedule")?["every"] == .integer(60))
        #expect(Self.table(south, "schedule")?["every"] == .integer(30))
        guard case .array(let cps)? = south["checkpoints"] else { return }
        #expect(cps.count == 2)
        // A sub-table is still defined once per entry.
        #expect(Self.refusal("[[r]]\n[r.s]\n[r.s]\n")?.message.contains("defined twice") == true)
    }

    @Test func multiLineStringsOfBothKinds() throws {
        let t = try Self.parse(
            #"""
            lit = '''
            C:\path\no escapes
            it's "quoted"'''
            two = '''a''''
            basic = """
            one \
                  two \t
            three"""
            cont = """a \  
              b"""
            q = """x"""""
            """#)
        #expect(t["lit"] == .string("C:\\path\\no escapes\nit's \"quoted\""))
        #expect(t["two"] == .string("a'"))
        #expect(t["basic"] == .string("one two \t\nthree"))
        // A line-ending backslash followed by spaces still joins the lines.
        #expect(t["cont"] == .string("a b"))
        #expect(t["q"] == .string("x\"\""))
        #expect(Self.refusal("s = '''never closed\n")?.message.contains("not closed") == true)
        #expect(Self.refusal("s = \"\"\"x\"\"\"\"\"\"\n") != nil)
    }

    @Test func quotedKeyPartsStayApartFromDottedOnes() throws {
        let t = try Self.parse("[a.b.c]\nx = 1\n[a.\"b.c\"]\nx = 2\n")
        #expect(Self.table(t, "a", "b", "c")?["x"] == .integer(1))
        #expect(Self.table(t, "a", "b.c")?["x"] == .integer(2))
        let k = try Self.parse("\"a.b\" = 1\na.b = 2\n'' = 3\n")
        #expect(k["a.b"] == .integer(1))
        #expect(Self.table(k, "a")?["b"] == .integer(2))
        #expect(k[""] == .integer(3))
    }

    @Test func integersAndFloatsAsTheSpecificationWritesThem() throws {
        let good: [(String, TOMLValue)] = [
            ("1_000", .integer(1000)), ("+17", .integer(17)), ("-0", .integer(0)), ("0x10", .integer(16)),
            ("0xdead_BEEF", .integer(0xDEAD_BEEF)), ("0o17", .integer(15)), ("0b1010", .integer(10)),
            ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
            ("0.75", .float(0.75)), ("1e3", .float(1000)), ("6.626e-34", .float(6.626e-34)), ("1E+2", .float(100)),
            ("-0.0", .float(-0.0)), ("1_0.0_1", .float(10.01)), ("inf", .float(.infinity)), ("-inf", .float(-.infinity)),
            ("1e06", .float(1e6)),
        ]
        for (text, value) in good {
            #expect(try Self.parse("n = \(text)")["n"] == value, "\(text)")
        }
        guard case .float(let nan)? = try Self.parse("n = nan")["n"] else { return }
        #expect(nan.isNaN)
        for bad in [
            ".75", "7.", "Inf", "NaN", "01", "1__23", "_1", "1_", "0x", "0o8", "0b2", "+0x10", "1e", "1.e3", "0X10",
            "9223372036854775808", "1e400", "0x_1", "1.5_",
        ] {
            #expect(Self.refusal("n = \(bad)") != nil, "\(bad) must be refused")
        }
        #expect(Self.refusal("n = 01")?.message.contains("not a TOML number") == true)
    }

    @Test func controlCharactersAreRefused() {
        #expect(Self.refusal("s = \"a\u{0}b\"")?.message.contains("U+0000") == true)
        #expect(Self.refusal("s = 'a\u{1B}b'")?.message.contains("U+001B") == true)
        #expect(Self.refusal("# a \u{7F} comment\n")?.message.contains("comment") == true)
        #expect(Self.refusal("s = \"\"\"a\u{8}b\"\"\"") != nil)
        // Tabs are text; escapes are how controls are written.
        #expect(Self.refusal("s = \"a\tb\\u001b\"") == nil)
    }

    @Test func aTableIsDefinedOnce() {
        let cases = [
            "[a]\nx = 1\n[a]\ny = 2",  // a header twice
            "a.b = 1\n[a]\nc = 2",  // a table made by dotted keys, reopened
            "[a]\nb.c = 1\n[a.b]\nd = 2",
            "a = { b = 1 }\na.c = 2",  // an inline table extended
            "a = { b = 1 }\n[a]\nc = 2",
            "a = { b = { c = 1 } }\n[a.b]\nd = 2",
            "[a.b]\nx = 1\n[a]\nb.y = 2",  // dotted keys reaching into a header's table
            "a = [1]\n[[a]]\n",  // a static array extended
            "[[a]]\n[a]\n",
            "[a]\n[[a]]\n",
            "a = 1\na.b = 2",
        ]
        for c in cases { #expect(Self.refusal(c) != nil, "\(c.debugDescription) must be refused") }
        // Defining a super-table after its sub-table is allowed, once.
        #expect(Self.refusal("[a.b]\nx = 1\n[a]\ny = 2") == nil)
        // Sub-tables under a table made by dotted keys are allowed.
        #expect(Self.refusal("[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true") == nil)
    }

    @Test func datesAreRefusedWithAMessageThatSaysSo() {
        for d in ["1979-05-27", "1979-05-27T07:32:00Z", "07:32:00", "1979-05-27 07:32:00"] {
            #expect(Self.refusal("d = \(d)")?.message.contains("dates and times are not used") == true, "\(d)")
        }
    }

    @Test func everyErrorNamesLineAndColumnOnOneLine() {
        let e = Self.refusal("a = 1\nb = \"x\ny\"\n")
        #expect(e?.line == 2)
        #expect(e?.column == 5 || e?.column == 7)
        for text in ["a = \"\u{1B}[2J\"", "a = \"\\\n\"", "[a\n]", "a = [1\n", "x = \"a\rb\"", "k\u{202E} = 1", "a = \u{85}"] {
            guard let e = Self.refusal(text) else {
                Issue.record("\(text.debugDescription) must be refused")
                continue
            }
            #expect(!e.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(e.description.hasPrefix("line \(e.line), column \(e.column): "))
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        let e = Self.refusal("name = \"锦绣\" junk")
        #expect(e?.line == 1)
        #expect(e?.column == 13)
    }
}
