import Testing
import WuyeCore
import WuyeTestSupport

@Suite("Display width and inert text")
struct TextTests {
    @Test func widthIsColumnsNotCharacters() {
        let s = "投诉 #12 电梯故障 剩余 23:59:57"
        #expect(s.count == 23)
        #expect(DisplayWidth.of(s) == 31)
        #expect(DisplayWidth.of("🚒") == 2)
        #expect(DisplayWidth.of("é") == 1)  // e + combining acute
        #expect(DisplayWidth.of("⚠️") == 2)
    }

    /// Lists measure most cells without breaking graphemes (ASCII, Latin, CJK): that
    /// path must give what measuring character by character gives, for any mix.
    @Test func theQuickWidthAgreesWithTheCharacterByCharacterWidth() {
        let pieces = [
            "a", "Z", " ", "~", "é", "ß", "电", "梯", "。", "「", "ア", "한", "Ａ", "\u{302A}", "\u{0301}", "🚒", "⚠\u{FE0F}", "👨\u{200D}👩",
            "🇨🇳", "\u{1100}\u{1161}", "\u{200B}", "\u{0007}", "\u{0085}", "\u{3000}", "…", "—", "\u{1F3FB}", "\u{00AD}", "●", "⏸", "✗",
            "\u{FE0F}", "\u{200D}", "\u{20E3}", "☎", "⌚", "▲",
        ]
        var draws = Draws(seed: 0x2545_F491_4F6C_DD1D)
        func next(_ n: Int) -> Int { draws.next(n) }
        for _ in 0..<5000 {
            var s = ""
            for _ in 0..<next(8) { s += pieces[next(pieces.count)] }
            let slow = s.reduce(0) { $0 + DisplayWidth.of($1) }
            #expect(DisplayWidth.of(s) == slow, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            // Cutting: the longest prefix of whole characters that fits, marked.
            let width = next(12)
            var cut = ""
            var used = 0
            for c in s {
                if used + DisplayWidth.of(c) > width - 1 { break }
                cut.append(c)
                used += DisplayWidth.of(c)
            }
            let expected = width <= 0 ? "" : (slow <= width ? s : cut + "…")
            #expect(DisplayWidth.truncate(s, to: width) == expected, "\(s.unicodeScalars.map { String($0.value, radix: 16) }) to \(width)")
        }
    }

    /// Text is checked byte by byte before the careful path: whatever the mix, the result
    /// is what turning every character one by one gives.
    @Test func inertTextsQuickCheckNeverLetsAControlThrough() {
        let pieces = [
            "a", "电", "⏸", "●", "✗", "—", "…", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{A0}", "é", "\u{200B}", "\u{200D}", "\u{200F}",
            "\u{2010}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2060}", "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{061C}",
            "\u{061B}", "\u{FEFF}", "\u{FEFE}", "\u{FF01}", "\n", "\t",
        ]
        func reference(_ s: String) -> String {
            var out = ""
            for scalar in s.unicodeScalars {
                let v = scalar.value
                switch v {
                case 0x1B: out += "␛"
                case 0x00..<0x20: out += "^" + String(UnicodeScalar(UInt8(v + 0x40)))
                case 0x7F: out += "^?"
                case 0x80..<0xA0, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF:
                    out +=
                        "<U+"
                        + String(String(v, radix: 16, uppercase: true).reversed()).padding(toLength: 4, withPad: "0", startingAt: 0)
                        .reversed() + ">"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        var draws = Draws(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ n: Int) -> Int { draws.next(n) }
        for _ in 0..<5000 {
            var s = ""
            for _ in 0..<next(6) { s += pieces[next(pieces.count)] }
            #expect(InertText.make(s) == reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func truncationNeverSplitsACharacter() {
        #expect(DisplayWidth.truncate("电梯故障", to: 5) == "电梯…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("电梯故障", to: 5)) == 5)
        #expect(DisplayWidth.truncate("电梯故障", to: 4) == "电…")
        #expect(DisplayWidth.truncate("电梯故障", to: 8) == "电梯故障")
        #expect(DisplayWidth.truncate("电梯", to: 1) == "…")
        #expect(DisplayWidth.truncate("电梯", to: 0) == "")
        #expect(DisplayWidth.fit("电梯", to: 6) == "电梯  ")
        #expect(DisplayWidth.fitRight("12", to: 4) == "  12")
    }

    @Test func controlsAreMadeVisible() {
        #expect(InertText.make("a\u{1B}[31mred") == "a␛[31mred")
        #expect(InertText.make("line\r\nnext") == "line^M^Jnext")
        #expect(InertText.make("bell\u{07}") == "bell^G")
        #expect(InertText.make("del\u{7F}") == "del^?")
        #expect(InertText.make("c1\u{9B}31m") == "c1<U+009B>31m")
        #expect(InertText.make("evil\u{202E}txt.exe") == "evil<U+202E>txt.exe")
        #expect(InertText.make("电梯 “好” ’") == "电梯 “好” ’")
        #expect(InertText.make("plain") == "plain")
    }

    /// Lists show, for the current cycle, each kind of clock where it first appears, as
    /// its latest clock (progress restarts at each report).
    @Test func listsShowTheLatestClockOfEachKindInTheCurrentCycle() {
        func clock(_ k: ClockKind, _ cycle: Int, _ start: Int64) -> ItemClock {
            ItemClock(kind: k, cycle: cycle, startedAt: Instant(seconds: start), limit: 3600, dueSoonShare: 0.75)
        }
        let clocks = [
            clock(.response, 1, 0), clock(.result, 1, 0), clock(.progress, 1, 10), clock(.progress, 1, 20),
            clock(.response, 2, 100), clock(.progress, 2, 110), clock(.result, 2, 100), clock(.progress, 2, 120),
        ]
        let now = Instant(seconds: 200)
        var live = JSONWriter()
        live.beginObject()
        ItemJSON.writeLiveFields(clocks, cycle: 2, void: false, zone: .utc, now: now, history: false, into: &live)
        live.endObject()
        var expected = JSONWriter()
        expected.beginObject()
        expected.field("breached", false)
        expected.key("clocks")
        expected.beginArray()
        for c in [clocks[4], clocks[7], clocks[6]] { ItemJSON.writeClock(c, zone: .utc, now: now, history: false, into: &expected) }
        expected.endArray()
        expected.endObject()
        #expect(live.output == expected.output)
    }

    /// The writer keeps the last date's bytes and writes only the time when the next
    /// instant falls on the same local day: every instant still reads as `ISOFormat`
    /// writes it, across midnights, zones with other offsets and daylight saving, and
    /// years of other lengths.
    @Test func jsonInstantsReadAsISOFormatWritesThem() {
        var rng = SeededRandom(seed: 20261207)
        let zones = [Zone.utc, Zone("Asia/Shanghai")!, Zone("America/New_York")!, Zone("Asia/Kolkata")!]
        var w = JSONWriter()
        var expected: [String] = []
        w.beginArray()
        var t: Int64 = 1_796_600_000
        for i in 0..<4000 {
            // Mostly steps within a day, sometimes across one or far away.
            switch rng.next(in: 0..<10) {
            case 0: t = Int64(rng.next(in: -100_000_000_000..<300_000_000_000))
            case 1: t += Int64(rng.next(in: 0..<200_000))
            default: t += Int64(rng.next(in: -3600..<3600))
            }
            let zone = zones[i % 7 == 0 ? rng.next(in: 0..<zones.count) : 1]
            w.instant(Instant(seconds: t), zone: zone)
            expected.append("\"" + ISOFormat.string(Instant(seconds: t), in: zone) + "\"")
        }
        w.endArray()
        #expect(w.output == "[" + expected.joined(separator: ",") + "]")
    }

    @Test func jsonEscapesControls() {
        var w = JSONWriter()
        w.beginObject()
        w.field("t", "a\"b\\c\n\u{1B}[2J\u{202E}")
        w.field("n", Int64(-42))
        w.field("z", Int64(0))
        w.field("f", 0.9)
        w.field("none", nil as Double?)
        w.key("list")
        w.beginArray()
        w.int(1)
        w.string("电梯")
        w.endArray()
        w.endObject()
        #expect(w.output == #"{"t":"a\"b\\c\n\u001b[2J\u202e","n":-42,"z":0,"f":0.9,"none":null,"list":[1,"电梯"]}"#)
    }

    @Test func wrappingNeverSplitsACharacterAndKeepsLatinWordsWhole() {
        #expect(DisplayWidth.wrap("电梯晚上异响吵得睡不着", to: 6) == ["电梯晚", "上异响", "吵得睡", "不着"])
        #expect(DisplayWidth.wrap("电梯晚上", to: 5) == ["电梯", "晚上"])
        #expect(DisplayWidth.wrap("the lift is noisy at night", to: 10) == ["the lift", "is noisy", "at night"])
        #expect(DisplayWidth.wrap("a\nb", to: 4) == ["a", "b"])
        #expect(DisplayWidth.wrap("x", to: 0) == [])
        for line in DisplayWidth.wrap("维修 R-12 elevator 电梯 👨‍👩‍👧 noisy", to: 7) { #expect(DisplayWidth.of(line) <= 7) }
    }
}

/// Repeatable draws for the property tests (a linear congruential generator).
struct Draws {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }
}
