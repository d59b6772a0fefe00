public enum RoundState: String, Codable, Sendable, CaseIterable {
    case upcoming, due, late, complete, incomplete, missed
}

public enum CheckpointState: String, Codable, Sendable {
    case pending, done
    case doneOutOfOrder = "done_out_of_order"
}

/// A checkpoint scanned in a round.
public struct Scan: Codable, Sendable, Equatable {
    public var round: String
    public var site: String
    public var route: String
    public var code: String
    public var index: Int
    public var at: Instant
    public var actor: String
    public var outOfOrder: Bool
    public var note: String?
    public var problem: String?
    public var repair: String?
    /// Read out of a patrol wand (`wuye patrol import`), recorded at the time the wand kept.
    public var imported: Bool?

    public init(
        round: String, site: String, route: String, code: String, index: Int, at: Instant, actor: String, outOfOrder: Bool,
        note: String? = nil, problem: String? = nil, repair: String? = nil
    ) {
        self.round = round
        self.site = site
        self.route = route
        self.code = code
        self.index = index
        self.at = at
        self.actor = actor
        self.outOfOrder = outOfOrder
        self.note = note
        self.problem = problem
        self.repair = repair
    }
}

/// One round of a patrol route: every `every_minutes` from local midnight, its
/// checkpoints in walking order.
public struct PatrolRound: Sendable, Equatable {
    public var id: String
    public var site: String
    public var route: PatrolRoute
    public var day: CivilDate
    public var start: Instant
    public var end: Instant
    public var lateAfter: Instant

    /// A round is complete the moment its last checkpoint is scanned (whether it was
    /// started late is `isLate`); until its hour ends it is due (or late), then missed or
    /// incomplete.
    public func state(at now: Instant, scans: [Scan]) -> RoundState {
        if now < start { return .upcoming }
        if isComplete(scans) { return .complete }
        if now < end {
            let first = scans.map(\.at).min()
            if let first { return first > lateAfter ? .late : .due }
            return now > lateAfter ? .late : .due
        }
        return scans.isEmpty ? .missed : .incomplete
    }

    /// Every checkpoint of the route scanned.
    public func isComplete(_ scans: [Scan]) -> Bool {
        guard !route.checkpoints.isEmpty else { return false }
        let done = Set(scans.map(\.code))
        return route.checkpoints.allSatisfy { done.contains($0.code) }
    }

    /// Started after the late mark (or not started by it).
    public func isLate(at now: Instant, scans: [Scan]) -> Bool {
        if let first = scans.map(\.at).min() { return first > lateAfter }
        return now > lateAfter
    }

    public func checkpointState(_ code: String, scans: [Scan]) -> CheckpointState {
        guard let s = scans.first(where: { $0.code == code }) else { return .pending }
        return s.outOfOrder ? .doneOutOfOrder : .done
    }

    /// The next checkpoint to walk to.
    public func next(scans: [Scan]) -> Checkpoint? {
        route.checkpoints.first { c in !scans.contains { $0.code == c.code } }
    }
}

public enum Patrol {
    public static func rounds(site: Site, standards: Standards, day: CivilDate) -> [PatrolRound] {
        let zone = site.zone
        let every = max(15, standards.duties.patrolEveryMinutes) * 60
        var out: [PatrolRound] = []
        if let first = site.firstDutyDay, day < first { return [] }
        for route in site.routes {
            var offset = 0
            while offset < 86400 {
                let wall = LocalTime(date: day, hour: offset / 3600, minute: offset % 3600 / 60, second: 0)
                let start = zone.instant(wall)
                let endOffset = offset + every
                // A round whose hour does not exist that day (daylight saving springs
                // forward over it) is not a round: no guard could walk it.
                if zone.local(start) != wall {
                    offset = endOffset
                    continue
                }
                let end =
                    endOffset >= 86400
                    ? zone.startOfDay(day.adding(days: 1))
                    : zone.instant(LocalTime(date: day, hour: endOffset / 3600, minute: endOffset % 3600 / 60, second: 0))
                let label = "\(pad(offset / 3600, 2))" + (offset % 3600 == 0 ? "" : pad(offset % 3600 / 60, 2))
                out.append(
                    PatrolRound(
                        id: "\(site.id)/patrol/\(route.id)/\(day)T\(label)", site: site.id, route: route, day: day, start: start,
                        end: end, lateAfter: start + Int64(standards.duties.patrolLateAfterMinutes * 60)))
                offset = endOffset
            }
        }
        return out
    }

    /// The round of `route` that `at` falls in.
    public static func round(site: Site, route: PatrolRoute, standards: Standards, at: Instant) -> PatrolRound? {
        rounds(site: site, standards: standards, day: site.zone.date(of: at)).first {
            $0.route.id == route.id && $0.start <= at && at < $0.end
        }
    }

    /// Decides a scan: which round and checkpoint it ticks, or why it is refused.
    /// `current` is the round this guard is walking, if any, with its scans.
    public static func decideScan(
        code: String, site: Site, route: PatrolRoute, index: Int, round: PatrolRound, scans: [Scan], current: (PatrolRound, [Scan])?,
        actor: Staff, at: Instant, note: String?, problem: String?
    ) throws(WuyeError) -> Scan {
        guard DutyKind.patrol.allows(actor.role) else {
            throw .refused("a \(actor.role.label) cannot patrol; a guard or a supervisor can")
        }
        if let (cur, curScans) = current, cur.route.id != route.id, cur.end > at, !cur.isComplete(curScans) {
            let left = cur.route.checkpoints.count - Set(curScans.map(\.code)).count
            throw .refused(
                "\(code) is on \(route.name) (\(route.id)), but you are walking \(cur.route.name) (\(cur.route.id)) with \(left) checkpoint\(left == 1 ? "" : "s") left; finish it first"
            )
        }
        if let s = scans.first(where: { $0.code == code }) {
            throw .refused("\(code) was already scanned in this round at \(ISOFormat.clock(s.at, in: site.zone)) by \(s.actor)")
        }
        let done = Set(scans.map(\.code))
        let outOfOrder = route.checkpoints.prefix(index).contains { !done.contains($0.code) }
        return Scan(
            round: round.id, site: site.id, route: route.id, code: code, index: index, at: at, actor: actor.id, outOfOrder: outOfOrder,
            note: note, problem: problem)
    }
}
