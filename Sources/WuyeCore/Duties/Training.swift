/// A training session and its assessment.
public struct TrainingSession: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The concentrated training every quarter.
        case quarterly
        /// The short training every month.
        case monthly
    }

    public var id: String
    public var kind: Kind
    public var topic: String
    public var date: CivilDate
    public var trainer: String?
    public var site: String?
    public var passMark: Double
    public var attendees: [String] = []
    /// staff id → score of 100
    public var scores: [String: Double] = [:]

    public init(id: String, kind: Kind, topic: String, date: CivilDate, trainer: String?, site: String?, passMark: Double) {
        self.id = id
        self.kind = kind
        self.topic = topic
        self.date = date
        self.trainer = trainer
        self.site = site
        self.passMark = passMark
    }

    public func passed(_ staff: String) -> Bool? { scores[staff].map { $0 >= passMark } }
}

public enum TrainingEvent: Codable, Sendable, Equatable {
    case planned(TrainingSession)
    case attended(staff: [String])
    case scored(staff: String, score: Double)
}

public enum TrainingRules {
    public static func apply(_ s: TrainingSession?, _ e: TrainingEvent) -> TrainingSession? {
        switch e {
        case .planned(let new): return new
        case .attended(let staff):
            guard var s else { return nil }
            for id in staff where !s.attendees.contains(id) { s.attendees.append(id) }
            return s
        case .scored(let staff, let score):
            guard var s else { return nil }
            if !s.attendees.contains(staff) { s.attendees.append(staff) }
            s.scores[staff] = score
            return s
        }
    }

    /// Who must be retrained: their latest assessed session failed them. Sessions in
    /// date order; a later pass clears an earlier fail.
    public static func retrain(_ sessions: [TrainingSession]) -> [(staff: String, session: TrainingSession, score: Double)] {
        var latest: [String: (TrainingSession, Double)] = [:]
        for s in sessions.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            for (staff, score) in s.scores { latest[staff] = (s, score) }
        }
        return latest.filter { $0.value.1 < $0.value.0.passMark }.map { (staff: $0.key, session: $0.value.0, score: $0.value.1) }
            .sorted { $0.staff < $1.staff }
    }
}

/// An owner's satisfaction survey: a score of 100.
public struct Survey: Codable, Sendable, Equatable {
    public var id: String
    public var site: String
    public var household: String?
    public var score: Double
    public var at: Instant

    public init(id: String, site: String, household: String?, score: Double, at: Instant) {
        self.id = id
        self.site = site
        self.household = household
        self.score = score
        self.at = at
    }
}
