import WuyeCore
import WuyeStore

/// What one shift hands to the next: since a moment, what was breached, what was done and
/// what was missed, and what is still open.
public struct Handover: Sendable {
    public var since: Instant
    public var until: Instant
    public var site: String?
    /// Clocks whose deadline fell in the shift and that are breached or were missed.
    public var breached: [Breach] = []
    /// Items resolved, answered or closed during the shift.
    public var done: [Item] = []
    /// Duties ticked during the shift, and those whose window ended in it unticked.
    public var dutiesDone: [Tick] = []
    public var dutiesMissed: [Occurrence] = []
    /// Rounds that ended in the shift: complete, incomplete, missed.
    public var roundsComplete: [PatrolRound] = []
    public var roundsIncomplete: [PatrolRound] = []
    public var roundsMissed: [PatrolRound] = []
    /// Every item still open, nearest deadline first.
    public var open: [Item] = []

    public static func compute(store: Store, site: String?, since: Instant, now: Instant) throws(WuyeError) -> Handover {
        var h = Handover(since: since, until: now, site: site)
        let sites = try store.sites().filter { site == nil || $0.id == site }
        let standards = try store.standards()
        let ids = Set(sites.map(\.id))
        h.open = try store.items(kind: nil, filter: .open).filter { ids.contains($0.site) }
        for it in try store.items(changedSince: since) where ids.contains(it.site) && it.status != .void {
            for c in it.clocks where c.nominalDeadline >= since && c.nominalDeadline < now {
                let st = c.state(at: now)
                if st == .breached || st == .missed { h.breached.append(Breach(item: it, clock: c, state: st)) }
            }
            let finished = [it.resolvedAt, it.closedAt].compactMap { $0 }.contains { $0 >= since && $0 <= now }
            if finished { h.done.append(it) }
        }
        h.breached.sort { ($0.clock.nominalDeadline, $0.item.id) < ($1.clock.nominalDeadline, $1.item.id) }
        h.done.sort { $0.id < $1.id }
        for s in sites {
            let first = s.zone.date(of: since).adding(days: -1)
            let last = s.zone.date(of: now)
            let ticks = try store.ticks(site: s.id, days: first...last)
            h.dutiesDone += ticks.filter { $0.at >= since && $0.at <= now }
            let ticked = Set(ticks.map(\.occurrence))
            let scans = Dictionary(grouping: try store.scans(site: s.id, days: first...last), by: \.round)
            var day = first
            while day <= last {
                for o in Duties.occurrences(site: s, standards: standards, day: day)
                where o.closesAt >= since && o.closesAt <= now && !ticked.contains(o.id) {
                    h.dutiesMissed.append(o)
                }
                for r in Patrol.rounds(site: s, standards: standards, day: day) where r.end >= since && r.end <= now {
                    switch r.state(at: now, scans: scans[r.id] ?? []) {
                    case .complete: h.roundsComplete.append(r)
                    case .incomplete: h.roundsIncomplete.append(r)
                    case .missed: h.roundsMissed.append(r)
                    default: break
                    }
                }
                day = day.adding(days: 1)
            }
        }
        return h
    }

    /// The handover as text, a line each: what the command prints and the console shows.
    public func lines(zone: Zone) -> [String] {
        var out: [String] = []
        out.append("Handover \(self.site ?? "all sites"): \(ISOFormat.short(since, in: zone)) → \(ISOFormat.short(until, in: zone))")
        out.append("")
        out.append("Breached (\(breached.count)):")
        for b in breached {
            out.append(
                "  \(b.item.id)  \(b.clock.kind.rawValue) \(b.state.rawValue) at \(ISOFormat.clock(b.clock.nominalDeadline, in: zone))  \(b.item.assignee ?? "nobody")  \(b.item.text)"
            )
        }
        out.append(
            done.isEmpty
                ? "Done: none" : "Done (\(done.count)): \(done.map { "\($0.id) \($0.status.rawValue)" }.joined(separator: ", "))")
        out.append("Duties: \(dutiesDone.count) done, \(dutiesMissed.count) missed")
        for o in dutiesMissed { out.append("  missed: \(o.kind.rawValue) at \(o.locationName) (\(o.id))") }
        out.append(
            "Rounds: \(roundsComplete.count) complete, \(roundsIncomplete.count) incomplete, \(roundsMissed.count) missed")
        for r in roundsIncomplete + roundsMissed { out.append("  not walked in full: \(r.id)") }
        out.append(open.isEmpty ? "Still open: none" : "Still open (\(open.count)): \(open.map(\.id).joined(separator: ", "))")
        return out
    }
}
