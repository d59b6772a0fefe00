import Foundation
import Testing
import WuyeTestSupport

@testable import WuyeCore

/// The hand-written JSON of an item's steps agrees with `Codable` on every payload: what it
/// writes `JSONDecoder` reads as the same step (and, for ordinary text, is the very text
/// `JSONEncoder` writes); what `JSONEncoder` wrote it reads as the same step.
@Suite("Item steps' JSON without Codable")
struct ItemEventJSONTests {
    static let ordinary = ["", "电梯晚上异响，吵得睡不着", "called back", "3-1802", "tech-zhang", "已派工程部查看 (2/3)", "a/b"]
    static let awkward = [
        "\"quoted\"", "back\\slash", "line\nfeed", "tab\there", "\u{0}nul", "\u{7F}del", "\u{1B}[31mred", "emoji 🚰💧",
        "\u{200E}mark", "\u{2028}sep", "é composed e\u{301}", "\r\n", "</script>",
    ]

    func text(_ r: inout SeededRandom, awkward: Bool) -> String {
        let pool = awkward ? Self.ordinary + Self.awkward : Self.ordinary
        return pool[Int(r.next() % UInt64(pool.count))]
    }

    func maybe(_ r: inout SeededRandom, awkward: Bool) -> String? { r.next() % 3 == 0 ? nil : text(&r, awkward: awkward) }

    func limits(_ r: inout SeededRandom) -> ClockLimits {
        var l = ClockLimits()
        l.dueSoonShare = [0.75, 0.5, 1, 0.8, 0.1, 1.0 / 3, 0.000_01, 0][Int(r.next() % 8)]
        l.complaintResponse = Int64(r.next() % 100_000)
        l.repairResolution = Int64(r.next() % 10_000_000)
        l.backdateGrace = r.next() % 5 == 0 ? 0 : 300
        return l
    }

    func step(_ r: inout SeededRandom, _ n: Int, awkward: Bool) -> ItemEvent {
        let a = awkward
        switch n % 19 {
        case 0:
            return .opened(
                ItemOpened(
                    kind: ItemKind.allCases[Int(r.next() % 3)], site: "jinxiu", unit: maybe(&r, awkward: a),
                    location: maybe(&r, awkward: a), channel: r.next() % 4 == 0 ? nil : Channel.allCases[Int(r.next() % 4)],
                    category: text(&r, awkward: a), text: text(&r, awkward: a), owner: maybe(&r, awkward: a),
                    phone: maybe(&r, awkward: a), emergency: r.next() % 2 == 0, complex: r.next() % 2 == 0,
                    source: maybe(&r, awkward: a), limits: limits(&r)))
        case 1: return .assigned(to: text(&r, awkward: a), note: maybe(&r, awkward: a))
        case 2: return .routed(department: text(&r, awkward: a), to: maybe(&r, awkward: a), note: maybe(&r, awkward: a))
        case 3: return .responded(note: maybe(&r, awkward: a))
        case 4: return .acknowledged(note: maybe(&r, awkward: a))
        case 5: return .arrived(note: maybe(&r, awkward: a))
        case 6: return .progressReported(note: maybe(&r, awkward: a))
        case 7: return .resolved(note: maybe(&r, awkward: a))
        case 8: return .answered(note: maybe(&r, awkward: a))
        case 9: return .calledBack(rating: Int(r.next() % 6), note: maybe(&r, awkward: a))
        case 10: return .closed(note: maybe(&r, awkward: a))
        case 11: return .reopened(reason: text(&r, awkward: a), limits: limits(&r))
        case 12: return .paused(reason: text(&r, awkward: a))
        case 13: return .resumed(note: maybe(&r, awkward: a))
        case 14: return .voided(reason: text(&r, awkward: a))
        case 15: return .edited(field: "text", from: maybe(&r, awkward: a), to: maybe(&r, awkward: a), reason: text(&r, awkward: a))
        case 16: return .reclassified(emergency: r.next() % 2 == 0, complex: r.next() % 2 == 0, reason: text(&r, awkward: a))
        case 17: return .breachAcknowledged(note: text(&r, awkward: a))
        default: return .escalated(to: text(&r, awkward: a), note: text(&r, awkward: a))
        }
    }

    func codable(_ e: ItemEvent) throws -> String {
        String(decoding: try storeEncoder.encode(EventBody.item(e)), as: UTF8.self)
    }

    @Test func ordinaryStepsAreWrittenAsJSONEncoderWritesThem() throws {
        var r = SeededRandom(seed: 1)
        for n in 0..<1_900 {
            let e = step(&r, n, awkward: false)
            let mine = ItemEventJSON.encode(e)
            #expect(mine == (try codable(e)), "step \(n): \(e)")
        }
    }

    @Test func everyStepReadsBackTheSameBothWays() throws {
        var r = SeededRandom(seed: 2)
        for n in 0..<3_800 {
            let e = step(&r, n, awkward: true)
            let mine = ItemEventJSON.encode(e)
            let reference = try codable(e)
            // What this writes, Codable reads as the same step …
            #expect(try JSONDecoder().decode(EventBody.self, from: Data(mine.utf8)) == .item(e), "\(mine)")
            // … and this reads both its own text and Codable's.
            #expect(ItemEventJSON.decode(mine) == e, "\(mine)")
            #expect(ItemEventJSON.decode(reference) == e, "\(reference)")
        }
    }

    @Test func anythingElseIsLeftToJSONDecoder() {
        for payload in [
            #"{"siteDefined":{"_0":{}}}"#, #"{"demoMarked":{}}"#, #"{"item":{"_0":{"flown":{}}}}"#,
            #"{"item":{"_0":{"responded":{},"closed":{}}}}"#, #"{"item":{"_0":{"calledBack":{"rating":4.5}}}}"#,
            #"{"item":{"_0":{"calledBack":{"rating":+4}}}}"#, #"{"item":{"_0":{"paused":{"reason":"a","reason":"b"}}}}"#,
            #"{"item":{"_0":{"paused":{"reason":"unterminated}}}}"#, #"{"item":{"_0":{"paused":{"reason":"a"}}}} x"#,
            #"{"item":{"_0":{"responded":{"note":7}}}}"#, #"{"item":{"_0":{"paused":{"reason":"\ud800"}}}}"#, "", "[]",
        ] {
            #expect(ItemEventJSON.decode(payload) == nil, "\(payload)")
        }
        // White space and escapes that JSONEncoder never writes are still read.
        #expect(
            ItemEventJSON.decode(#" { "item" : { "_0" : { "paused" : { "reason" : "\u7ba1\/\ud83d\udca7" } } } } "#)
                == .paused(reason: "管/💧"))
        #expect(ItemEventJSON.decode(#"{"item":{"_0":{"responded":{"note":null}}}}"#) == .responded(note: nil))
    }
}
