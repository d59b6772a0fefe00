/// The plan's training calendar (3.3.2): a short training every month and a concentrated
/// one every quarter. A month (or quarter) is held when a session of its kind (for a month,
/// a concentrated one too), dated in it, had attendance; missed when it ended without one;
/// pending while it runs.
public enum TrainingCalendar {
    public enum State: String, Sendable { case held, missed, pending }

    public struct Due: Sendable, Equatable {
        public var kind: TrainingSession.Kind
        /// The month or quarter it is due in.
        public var period: Period
        public var state: State
        /// The session that held it.
        public var session: String?
    }

    /// What was due in `period` for a site (its own sessions and company-wide ones) or the
    /// company (any session): each month of it, and each quarter that ends within it.
    public static func due(
        _ sessions: [TrainingSession], site: String?, period: Period, standards: Standards, today: CivilDate, from first: CivilDate? = nil
    ) -> [Due] {
        var out: [Due] = []
        func check(_ kind: TrainingSession.Kind, _ p: Period) {
            // Before the site's record begins nothing was due.
            if let first, p.end <= first { return }
            // A month's concentrated training is that month's training too.
            let held = sessions.first { s in
                (s.kind == kind || s.kind == .quarterly) && s.date >= p.first && s.date < p.end && s.date <= today && !s.attendees.isEmpty
                    && (site == nil || s.site == nil || s.site == site)
            }
            let state: State = held != nil ? .held : (p.end <= today ? .missed : .pending)
            out.append(Due(kind: kind, period: p, state: state, session: held?.id))
        }
        for m in period.months where m.first <= today {
            if standards.trainingMonthly { check(.monthly, m) }
            if standards.trainingQuarterly, m.first.month % 3 == 0 { check(.quarterly, .quarter(m.first.year, m.first.quarter)) }
        }
        return out
    }
}
