/// The JSON form of items (`--json`), field by field as `docs/data-format.md` lists them.
public enum ItemJSON {
    /// The clocks shown for an item: the latest clock of each kind in the current cycle.
    public static func currentClocks(_ item: Item) -> [ItemClock] {
        var out: [ItemClock] = []
        for c in item.clocks where c.cycle == item.cycle {
            if let i = out.firstIndex(where: { $0.kind == c.kind }) { out[i] = c } else { out.append(c) }
        }
        return out
    }

    public static func write(_ item: Item, zone: Zone, now: Instant, history: Bool = false, into w: inout JSONWriter) {
        w.beginObject()
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
        w.field("opened_at", item.openedAt, zone: zone)
        w.field("resolved_at", item.resolvedAt, zone: zone)
        w.field("closed_at", item.closedAt, zone: zone)
        w.field("rating", item.rating)
        w.field("void_reason", item.voidReason)
        w.field("source", item.source)
        w.field("breached", item.isBreached(at: now))
        w.field("next_deadline", item.nextDeadline, zone: zone)
        w.key("clocks")
        w.beginArray()
        for c in history ? item.clocks : currentClocks(item) { writeClock(c, zone: zone, now: now, into: &w) }
        w.endArray()
        w.endObject()
    }

    public static func writeClock(_ c: ItemClock, zone: Zone, now: Instant, into w: inout JSONWriter) {
        let state = c.state(at: now)
        w.beginObject()
        w.field("kind", c.kind.rawValue)
        w.field("state", state.rawValue)
        w.field("deadline", c.deadline, zone: zone)
        w.field("remaining_seconds", c.remaining(at: now))
        w.field("cycle", c.cycle)
        w.field("started_at", c.startedAt, zone: zone)
        w.field("limit_seconds", c.limit)
        w.field("paused_seconds", c.pausedTotal + (c.pausedAt.map { max(0, now - $0) } ?? 0))
        w.field("stopped_at", c.stoppedAt, zone: zone)
        w.field("backdated", c.backdated)
        w.endObject()
    }
}
