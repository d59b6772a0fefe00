import Foundation
import WuyeCore

/// A small world for domain tests: one site in Asia/Shanghai, its staff, the plan's
/// standards, and a helper that runs commands through decide + apply like the store does.
struct World {
    static let zone = Zone("Asia/Shanghai")!
    /// 2026-11-29 09:00:00 +08:00 (a Sunday)
    static let t0 = Instant(seconds: 1_795_914_000)

    var site = Site(
        id: "jinxiu", name: "锦绣花园", kind: .residential, households: 100, timeZone: "Asia/Shanghai",
        units: ["3-1802", "2-1503"], locations: [Location(id: "garage", name: "地下车库", kind: .facility)])
    var standards = Standards()
    var staff: [String: Staff] = [
        "desk": Staff(id: "desk", name: "李静", role: .desk, department: .customerService),
        "guard": Staff(id: "guard", name: "王强", role: .guard_, department: .security),
        "tech": Staff(id: "tech", name: "张伟", role: .technician, department: .engineering),
        "sup": Staff(id: "sup", name: "黄海", role: .supervisor, department: .management),
    ]
    var seq: Int64 = 0

    /// Runs a command at `at`, recorded at `now` (default: the same instant).
    mutating func run(
        _ item: Item?, _ command: ItemCommand, at: Instant, now: Instant? = nil, by actor: String = "desk",
        id: String = "C-1"
    ) throws(WuyeError) -> Item {
        let d = Decision(actor: staff[actor]!, now: now ?? at, at: at, standards: standards, site: site)
        var it = item
        for body in try ItemDecider.decide(item, command, d) {
            seq += 1
            let e = Event(seq: seq, at: at, recorded: now ?? at, actor: actor, subject: item?.id ?? id, body: .item(body))
            it = ItemProjector.apply(it, e, id: item?.id ?? id)
        }
        return it!
    }

    func opened(
        _ kind: ItemKind = .complaint, unit: String? = "3-1802", location: String? = nil, emergency: Bool = false,
        complex: Bool = false
    ) -> ItemCommand {
        .open(
            ItemOpened(
                kind: kind, site: "jinxiu", unit: unit, location: location, channel: .hotline, category: "噪音",
                text: "电梯异响", emergency: emergency, complex: complex, limits: standards.clocks))
    }
}

extension Item {
    func clock(_ kind: ClockKind, cycle: Int? = nil) -> ItemClock {
        clocks.last { $0.kind == kind && $0.cycle == (cycle ?? self.cycle) }!
    }
}

/// JSON as the store writes it (`Store.encoder`): keys sorted, slashes as they are.
let storeEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
}()
