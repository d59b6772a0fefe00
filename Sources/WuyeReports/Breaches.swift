import WuyeCore

/// A clock of an item's current cycle that is breached, missed or due soon.
public struct Breach: Sendable {
    public var item: Item
    public var clock: ItemClock
    public var state: ClockState

    public init(item: Item, clock: ItemClock, state: ClockState) {
        self.item = item
        self.clock = clock
        self.state = state
    }

    /// Who holds it, as the board and `breach list` say it.
    public var holder: String { item.assignee ?? item.department.map { "(\($0))" } ?? "nobody" }
}

/// What the supervisor's breach board lists: the same rows for `wuye breach list` and the
/// console, from whatever items the caller holds (the store's open rows, or the board in
/// memory).
public enum Breaches {
    /// Every breached and due-soon clock of the open items' current cycles: breached first,
    /// the longest overdue first; then due soon, the nearest first.
    public static func board(_ items: some Sequence<Item>, now: Instant) -> [Breach] {
        var rows: [Breach] = []
        for it in items { rows += of(it, now: now) }
        rows.sort(by: ordered)
        return rows
    }

    /// One item's rows on the board (none once it is closed).
    public static func of(_ it: Item, now: Instant) -> [Breach] {
        guard it.isOpen else { return [] }
        var rows: [Breach] = []
        for c in it.clocks where c.cycle == it.cycle && c.stoppedAt == nil {
            let st = c.state(at: now)
            if st == .breached || st == .dueSoon { rows.append(Breach(item: it, clock: c, state: st)) }
        }
        return rows
    }

    /// The board's order: breached before due soon, then by deadline, then by id.
    public static func ordered(_ a: Breach, _ b: Breach) -> Bool {
        if (a.state == .breached) != (b.state == .breached) { return a.state == .breached }
        return a.clock.nominalDeadline != b.clock.nominalDeadline
            ? a.clock.nominalDeadline < b.clock.nominalDeadline : a.item.id < b.item.id
    }

    /// How many open items each person holds (by assignee; unassigned ones under nil).
    public static func holdings(_ items: some Sequence<Item>) -> [(holder: String?, count: Int)] {
        var n: [String?: Int] = [:]
        for it in items where it.isOpen { n[it.assignee, default: 0] += 1 }
        return n.map { (holder: $0.key, count: $0.value) }.sorted { a, b in
            a.count != b.count ? a.count > b.count : (a.holder ?? "~") < (b.holder ?? "~")
        }
    }
}
