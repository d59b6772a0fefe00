/// Every limit, share, window and target the company's service-quality plan sets. The
/// built-in values are the plan's (`Standards.defaultTOML` documents each line); a
/// supervisor can put a company's own version in force with `wuye standards load`.
public struct Standards: Codable, Sendable, Equatable {
    public var name = "service-quality plan (built-in)"
    public var clocks = ClockLimits()
    public var duties = DutyStandards()
    public var targets = Targets()
    /// Score (of 100) that a callback rating of 1…5 counts as in satisfaction.
    public var callbackRatingScores: [Double] = [20, 40, 60, 80, 100]
    /// Lowest assessment score (of 100) that passes a training.
    public var trainingPassMark: Double = 60
    /// The training calendar (plan 3.3.2): a short training every month, a concentrated one
    /// every quarter; a month or quarter without it held counts as missed.
    public var trainingMonthly = true
    public var trainingQuarterly = true
    /// The monthly appraisal's score for the bonus sheet: each indicator's weight.
    public var appraisalWeights = AppraisalWeights()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, clocks, duties, targets, callbackRatingScores, trainingPassMark, trainingMonthly, trainingQuarterly
        case appraisalWeights
    }

    /// Standards recorded by an older journal lack what was added since: the plan's
    /// default stands in.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Standards()
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        clocks = try c.decodeIfPresent(ClockLimits.self, forKey: .clocks) ?? d.clocks
        duties = try c.decodeIfPresent(DutyStandards.self, forKey: .duties) ?? d.duties
        targets = try c.decodeIfPresent(Targets.self, forKey: .targets) ?? d.targets
        callbackRatingScores = try c.decodeIfPresent([Double].self, forKey: .callbackRatingScores) ?? d.callbackRatingScores
        trainingPassMark = try c.decodeIfPresent(Double.self, forKey: .trainingPassMark) ?? d.trainingPassMark
        trainingMonthly = try c.decodeIfPresent(Bool.self, forKey: .trainingMonthly) ?? d.trainingMonthly
        trainingQuarterly = try c.decodeIfPresent(Bool.self, forKey: .trainingQuarterly) ?? d.trainingQuarterly
        appraisalWeights = try c.decodeIfPresent(AppraisalWeights.self, forKey: .appraisalWeights) ?? d.appraisalWeights
    }
}

/// How much each indicator counts in a staff member's appraisal score (plan 3.4.2).
public struct AppraisalWeights: Codable, Sendable, Equatable {
    public var satisfaction = 0.4
    public var complaintTimeliness = 0.4
    public var trainingPassRate = 0.2

    public init() {}
}

/// The clock limits in seconds. An item keeps a copy of the limits in force when its
/// cycle started, so loading new standards never moves a running deadline.
public struct ClockLimits: Codable, Sendable, Equatable {
    public var dueSoonShare = 0.75
    public var backdateGrace: Int64 = 300
    public var complaintResponse: Int64 = 30 * 60
    public var complaintResponseEmergency: Int64 = 15 * 60
    public var complaintResult: Int64 = 24 * 3600
    public var complaintProgress: Int64 = 72 * 3600
    public var complaintCallback: Int64 = 72 * 3600
    public var enquiryAnswer: Int64 = 30 * 60
    public var repairAcknowledge: Int64 = 30 * 60
    public var repairAcknowledgeEmergency: Int64 = 15 * 60
    public var repairOnSite: Int64 = 24 * 3600
    public var repairResolution: Int64 = 48 * 3600

    public init() {}

    public func limit(_ kind: ClockKind, emergency: Bool) -> Int64 {
        switch kind {
        case .response: emergency ? complaintResponseEmergency : complaintResponse
        case .result: complaintResult
        case .progress: complaintProgress
        case .callback: complaintCallback
        case .answer: enquiryAnswer
        case .acknowledge: emergency ? repairAcknowledgeEmergency : repairAcknowledge
        case .onSite: repairOnSite
        case .resolution: repairResolution
        }
    }
}

/// A daily window `HH:MM-HH:MM` in the site's time zone, in seconds of the day.
public struct DayWindow: Codable, Sendable, Equatable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public static func parse(_ s: String) -> DayWindow? {
        let p = s.split(separator: "-")
        guard p.count == 2, let a = TimeInput.parseTimeOfDay(String(p[0]).trimmingSpaces) else { return nil }
        let bs = String(p[1]).trimmingSpaces
        let b: Int
        if bs == "24:00" {
            b = 86400
        } else if let t = TimeInput.parseTimeOfDay(bs) {
            b = t.0 * 3600 + t.1 * 60
        } else {
            return nil
        }
        let start = a.0 * 3600 + a.1 * 60
        return start < b ? DayWindow(start: start, end: b) : nil
    }

    public var description: String {
        "\(pad(start / 3600, 2)):\(pad(start % 3600 / 60, 2))-\(pad(end / 3600, 2)):\(pad(end % 3600 / 60, 2))"
    }
}

public struct DutyStandards: Codable, Sendable, Equatable {
    public var cleaningWindows = [DayWindow(start: 7 * 3600, end: 9 * 3600), DayWindow(start: 14 * 3600, end: 16 * 3600)]
    public var garbageWindows = [
        DayWindow(start: 6 * 3600, end: 8 * 3600), DayWindow(start: 12 * 3600, end: 14 * 3600),
        DayWindow(start: 18 * 3600, end: 20 * 3600),
    ]
    /// ISO weekdays (1 = Monday).
    public var wateringDays = [1, 3, 5]
    public var wateringWindows = [DayWindow(start: 7 * 3600, end: 10 * 3600)]
    public var patrolEveryMinutes = 60
    public var patrolLateAfterMinutes = 10
    /// CCTV check: the first N days of each month.
    public var cctvWindowDays = 7
    /// Full facility inspection: the first N days of each quarter.
    public var inspectionWindowDays = 15

    public init() {}
}

public struct Targets: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey {
        case satisfaction, complaintRateMax, complaintTimeliness, responseAchievement, enquiryAchievement, repairAchievement
        case checklistCompletion, patrolCompletion, trainingPassRate, callbackRate, callbackTimeliness
    }

    public var satisfaction: Double = 80
    public var complaintRateMax = 0.05
    public var complaintTimeliness = 0.90
    public var responseAchievement = 0.90
    public var enquiryAchievement = 0.90
    public var repairAchievement = 0.90
    public var checklistCompletion = 0.95
    public var patrolCompletion = 0.95
    public var trainingPassRate = 0.90
    /// Resolved complaints called back (the plan's 3.2.2: "定期回访投诉业主"): every one.
    public var callbackRate = 1.0
    /// Called back within the callback clock.
    public var callbackTimeliness = 0.90

    public init() {}

    /// Targets added after the first stores were written are absent from the standards an
    /// older journal recorded: they read as the plan's default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Targets()
        func read(_ k: CodingKeys, _ v: Double) throws -> Double { try c.decodeIfPresent(Double.self, forKey: k) ?? v }
        satisfaction = try read(.satisfaction, d.satisfaction)
        complaintRateMax = try read(.complaintRateMax, d.complaintRateMax)
        complaintTimeliness = try read(.complaintTimeliness, d.complaintTimeliness)
        responseAchievement = try read(.responseAchievement, d.responseAchievement)
        enquiryAchievement = try read(.enquiryAchievement, d.enquiryAchievement)
        repairAchievement = try read(.repairAchievement, d.repairAchievement)
        checklistCompletion = try read(.checklistCompletion, d.checklistCompletion)
        patrolCompletion = try read(.patrolCompletion, d.patrolCompletion)
        trainingPassRate = try read(.trainingPassRate, d.trainingPassRate)
        callbackRate = try read(.callbackRate, d.callbackRate)
        callbackTimeliness = try read(.callbackTimeliness, d.callbackTimeliness)
    }
}
