/// The JSON form of items (`--json`), field by field as `docs/data-format.md` lists them.
public enum ItemJSON {
    /// The clocks shown for an item: the latest clock of each kind in the current cycle.
    public static func currentClocks(_ item: Item) -> [ItemClock] { currentClocks(item.clocks, cycle: item.cycle) }

    static func currentClocks(_ clocks: [ItemClock], cycle: Int) -> [ItemClock] {
        var out: [ItemClock] = []
        for c in clocks where c.cycle == cycle {
            if let i = out.firstIndex(where: { $0.kind == c.kind }) { out[i] = c } else { out.append(c) }
        }
        return out
    }

    public static func write(_ item: Item, zone: Zone, now: Instant, history: Bool = false, into w: inout JSONWriter) {
        w.beginObject()
        writeStaticFields(item, zone: zone, into: &w)
        writeLiveFields(item.clocks, cycle: item.cycle, void: item.status == .void, zone: zone, now: now, history: history, into: &w)
        w.endObject()
    }

    /// The fields that do not depend on "now", as the opening of an object without its
    /// closing brace. Projection rows keep this text, so that a list of thousands of
    /// items is the stored text plus the clocks computed for now.
    public static func staticPrefix(_ item: Item, zone: Zone) -> [UInt8] {
        // About 700 bytes: a buffer of the list's 64 KB, made and dropped for every row
        // an import writes, cost a page fault or more each time.
        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        writeStaticFields(item, zone: zone, into: &w)
        return w.bytes
    }

    static func writeStaticFields(_ item: Item, zone: Zone, into w: inout JSONWriter) {
        w.field("id", item.id)
        w.field("kind", item.kind.rawValue)
        w.field("site", item.site)
        w.field("unit", item.unit)
        w.field("location", item.location)
        w.field("channel", item.channel?.rawValue)
        w.field("category", item.category)
        w.field("text", item.text)
        w.field("owner", item.owner)
        w.field("phone", item.phone)
        w.field("emergency", item.emergency)
        w.field("complex", item.complex)
        w.field("status", item.status.rawValue)
        w.field("paused", item.paused)
        w.field("pause_reason", item.pauseReason)
        w.field("pauses", item.pauseCount)
        w.field("cycle", item.cycle)
        w.field("assignee", item.assignee)
        w.field("department", item.department)
        w.field("opened_at", item.openedAt, zone: zone)
        w.field("resolved_at", item.resolvedAt, zone: zone)
        w.field("closed_at", item.closedAt, zone: zone)
        w.field("rating", item.rating)
        w.field("void_reason", item.voidReason)
        w.field("source", item.source)
        w.field("next_deadline", item.nextDeadline, zone: zone)
    }

    /// `breached` and `clocks`, which depend on "now".
    public static func writeLiveFields(
        _ clocks: [ItemClock], cycle: Int, void: Bool, zone: Zone, now: Instant, history: Bool, into w: inout JSONWriter
    ) {
        var breached = false
        if !void {
            for c in clocks where c.cycle == cycle {
                let s = c.state(at: now)
                if s == .breached || s == .missed { breached = true }
            }
        }
        w.field("breached", breached)
        w.key("clocks")
        w.beginArray()
        if history {
            for c in clocks { writeClock(c, zone: zone, now: now, history: true, into: &w) }
        } else {
            // `currentClocks` without an array per item (the hot path of lists): each kind
            // where it first appears in the cycle, as its latest clock.
            for (i, c) in clocks.enumerated() where c.cycle == cycle {
                if clocks[..<i].contains(where: { $0.cycle == cycle && $0.kind == c.kind }) { continue }
                let latest = clocks[i...].last { $0.cycle == cycle && $0.kind == c.kind } ?? c
                writeClock(latest, zone: zone, now: now, history: false, into: &w)
            }
        }
        w.endArray()
    }

    /// One clock. Lists show the current cycle's clocks; `history` (show) adds the
    /// fields that matter for past cycles and stopped clocks.
    public static func writeClock(_ c: ItemClock, zone: Zone, now: Instant, history: Bool = true, into w: inout JSONWriter) {
        let state = c.state(at: now)
        w.beginObject()
        w.field("kind", c.kind.rawValue)
        w.field("state", state.rawValue)
        w.field("deadline", c.deadline, zone: zone)
        w.field("remaining_seconds", c.remaining(at: now))
        w.field("started_at", c.startedAt, zone: zone)
        w.field("limit_seconds", c.limit)
        w.field("paused_seconds", c.pausedTotal + (c.pausedAt.map { max(0, now - $0) } ?? 0))
        if history || c.isStopped {
            w.field("cycle", c.cycle)
            w.field("stopped_at", c.stoppedAt, zone: zone)
            w.field("backdated", c.backdated)
        }
        w.endObject()
    }
}
