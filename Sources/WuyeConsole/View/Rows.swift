import WuyeCore

/// The rows each pane lists, derived from the board, the view state and now.
public enum Rows {
    /// Open complaints and enquiries, nearest deadline first (breached ones on top),
    /// paused ones after running ones: the board's order, narrowed by site and filter.
    public static func itemIDs(_ b: Board, _ ui: UIState) -> [String] {
        let f = (ui.filter[.items] ?? "").lowercased()
        var out: [String] = []
        out.reserveCapacity(b.order.count)
        for e in b.order where ui.site == nil || e.site == ui.site {
            if !f.isEmpty, let it = b.items[e.id], !matches(it, f) { continue }
            out.append(e.id)
        }
        return out
    }

    public static func items(_ b: Board, _ ui: UIState, now: Instant) -> [Item] {
        itemIDs(b, ui).compactMap { b.items[$0] }
    }

    static func sortKey(_ it: Item, _ now: Instant) -> Int64 {
        guard let c = it.leadClock else { return .max / 2 }
        if c.isPaused { return .max / 4 + c.remaining(at: now) }
        return c.remaining(at: now)
    }

    /// `/` narrows by words, each of which must match: text, id, place, category, site,
    /// status (`assigned` or `已派单`), department (`engineering`), the person it is assigned to, or
    /// one of `unassigned`, `paused`, `emergency`, `complex` (`engineering unassigned` is a
    /// department's queue).
    static func matches(_ it: Item, _ f: String) -> Bool {
        let status = it.status.rawValue
        let fields = [
            it.id, it.place, it.text, it.category, it.site, status, Strings.table["status.\(status)"]?.1 ?? status, it.department ?? "",
            it.assignee ?? "",
        ]
        .map { $0.lowercased() }
        return f.split(separator: " ").allSatisfy { word in
            switch word {
            case "unassigned": return it.assignee == nil
            case "paused": return it.paused
            case "emergency": return it.emergency
            case "complex": return it.complex
            default: return fields.contains { $0.contains(word) }
            }
        }
    }

    /// An overdue repair with its worst limit.
    public struct Overdue: Sendable, Equatable {
        public var item: Item
        public var clock: ClockKind
        public var overdue: Int64
    }

    /// Every repair past one of its limits, longest overdue first: the front of the
    /// board's repairs by deadline.
    public static func repairs(_ b: Board, _ ui: UIState, now: Instant) -> [Overdue] {
        let f = (ui.filter[.repairs] ?? "").lowercased()
        var out: [Overdue] = []
        for r in b.repairDeadlines {
            if r.deadline >= now { break }
            guard ui.site == nil || r.site == ui.site, let it = b.items[r.id] else { continue }
            if !f.isEmpty && !matches(it, f) { continue }
            out.append(Overdue(item: it, clock: r.clock, overdue: now - r.deadline))
        }
        return out
    }

    /// A line of today's checklist.
    public enum DutyLine: Sendable, Equatable {
        case duty(DutyRow)
        case round(DutyRow)
        case checkpoint(DutyRow, Checkpoint, CheckpointState, Scan?)

        public var row: DutyRow {
            switch self {
            case .duty(let r), .round(let r), .checkpoint(let r, _, _, _): r
            }
        }
    }

    /// Today's duties, what needs doing first: due ones and the rounds under way (with
    /// their checkpoints), then upcoming, then missed, then done; in window order within
    /// each. Upcoming patrol rounds are left out, and so are ended rounds that were complete.
    public static func duties(_ b: Board, _ ui: UIState, now: Instant) -> [DutyLine] {
        let f = (ui.filter[.checklist] ?? "").lowercased()
        var groups: [[DutyLine]] = [[], [], [], []]
        for r in b.duties where ui.site == nil || r.site == ui.site {
            if !f.isEmpty && ![r.id, r.place, r.kind.rawValue].contains(where: { $0.lowercased().contains(f) }) { continue }
            if let round = r.round {
                let st = round.state(at: now, scans: r.scans)
                if round.start <= now && now < round.end {
                    groups[0].append(.round(r))
                    for c in round.route.checkpoints {
                        groups[0].append(
                            .checkpoint(r, c, round.checkpointState(c.code, scans: r.scans), r.scans.first { $0.code == c.code }))
                    }
                } else if st == .incomplete || st == .missed {
                    groups[2].append(.round(r))
                }
            } else if let o = r.occurrence {
                switch o.state(at: now, tick: r.tick) {
                case .due: groups[0].append(.duty(r))
                case .upcoming: groups[1].append(.duty(r))
                case .missed: groups[2].append(.duty(r))
                case .done, .doneLate: groups[3].append(.duty(r))
                }
            }
        }
        return groups.flatMap { $0 }
    }

    /// Done / total of today's non-patrol duties, and complete / ended rounds.
    public static func dutyCounts(_ b: Board, _ ui: UIState, now: Instant) -> (done: Int, total: Int, rounds: Int, roundsOver: Int) {
        var done = 0, total = 0, rounds = 0, over = 0
        for r in b.duties where ui.site == nil || r.site == ui.site {
            if let round = r.round {
                if round.end <= now {
                    over += 1
                    if round.state(at: now, scans: r.scans) == .complete { rounds += 1 }
                }
            } else if let o = r.occurrence {
                total += 1
                let st = o.state(at: now, tick: r.tick)
                if st == .done || st == .doneLate { done += 1 }
            }
        }
        return (done, total, rounds, over)
    }
}
