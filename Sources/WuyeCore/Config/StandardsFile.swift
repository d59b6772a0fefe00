/// The standards file (TOML): reading, and the built-in text that documents every line.
extension Standards {
    /// Reads a standards file. Every key is optional (an absent one keeps the plan's
    /// default); an unknown key or a wrong value is refused with its line.
    public static func parse(_ text: String, file: String = "standards file") throws(WuyeError) -> Standards {
        var s = Standards()
        var r = try TOMLReader.parse(text, file: file)
        if r.table.leaves.isEmpty {
            throw .badInput(
                "\(file) sets nothing (no key = value outside comments); nothing was changed. Start from 'wuye standards show --defaults'")
        }
        do {
            if let n = try r.string("name") { s.name = n }
            if var c = try r.table("clocks") {
                if let v = try c.double("due_soon_share", range: 0.05...0.99) { s.clocks.dueSoonShare = v }
                if let v = try c.int("backdate_grace_minutes", range: 0...1440) { s.clocks.backdateGrace = v * 60 }
                if var t = try c.table("complaint") {
                    if let v = try t.int("response_minutes", range: 1...10080) { s.clocks.complaintResponse = v * 60 }
                    if let v = try t.int("response_emergency_minutes", range: 1...10080) {
                        s.clocks.complaintResponseEmergency = v * 60
                    }
                    if let v = try t.int("result_hours", range: 1...2160) { s.clocks.complaintResult = v * 3600 }
                    if let v = try t.int("progress_hours", range: 1...2160) { s.clocks.complaintProgress = v * 3600 }
                    if let v = try t.int("callback_hours", range: 1...2160) { s.clocks.complaintCallback = v * 3600 }
                    try t.rejectUnknown()
                }
                if var t = try c.table("enquiry") {
                    if let v = try t.int("answer_minutes", range: 1...10080) { s.clocks.enquiryAnswer = v * 60 }
                    try t.rejectUnknown()
                }
                if var t = try c.table("repair") {
                    if let v = try t.int("acknowledge_minutes", range: 1...10080) { s.clocks.repairAcknowledge = v * 60 }
                    if let v = try t.int("acknowledge_emergency_minutes", range: 1...10080) {
                        s.clocks.repairAcknowledgeEmergency = v * 60
                    }
                    if let v = try t.int("on_site_hours", range: 1...2160) { s.clocks.repairOnSite = v * 3600 }
                    if let v = try t.int("resolution_hours", range: 1...2160) { s.clocks.repairResolution = v * 3600 }
                    try t.rejectUnknown()
                }
                try c.rejectUnknown()
            }
            if var d = try r.table("duties") {
                if var t = try d.table("cleaning") {
                    if let w = try windows(&t, "windows") { s.duties.cleaningWindows = w }
                    try t.rejectUnknown()
                }
                if var t = try d.table("garbage") {
                    if let w = try windows(&t, "windows") { s.duties.garbageWindows = w }
                    try t.rejectUnknown()
                }
                if var t = try d.table("watering") {
                    if let w = try windows(&t, "windows") { s.duties.wateringWindows = w }
                    if let days = try t.strings("days") {
                        var out: [Int] = []
                        for day in days {
                            guard let n = weekdayNames.firstIndex(of: day.lowercased()) else {
                                throw WuyeError.badInput(
                                    "\(t.at("days")): duties.watering.days: '\(day)' is not a day; use mon tue wed thu fri sat sun"
                                )
                            }
                            out.append(n + 1)
                        }
                        s.duties.wateringDays = out.sorted()
                    }
                    try t.rejectUnknown()
                }
                if var t = try d.table("patrol") {
                    if let v = try t.int("every_minutes", range: 15...1440) { s.duties.patrolEveryMinutes = Int(v) }
                    if let v = try t.int("late_after_minutes", range: 1...120) { s.duties.patrolLateAfterMinutes = Int(v) }
                    try t.rejectUnknown()
                }
                if var t = try d.table("cctv") {
                    if let v = try t.int("window_days", range: 1...28) { s.duties.cctvWindowDays = Int(v) }
                    try t.rejectUnknown()
                }
                if var t = try d.table("inspection") {
                    if let v = try t.int("window_days", range: 1...90) { s.duties.inspectionWindowDays = Int(v) }
                    try t.rejectUnknown()
                }
                try d.rejectUnknown()
            }
            if var t = try r.table("targets") {
                if let v = try t.double("satisfaction", range: 0...100) { s.targets.satisfaction = v }
                if let v = try t.double("complaint_rate_max", range: 0...1) { s.targets.complaintRateMax = v }
                if let v = try t.double("complaint_timeliness", range: 0...1) { s.targets.complaintTimeliness = v }
                if let v = try t.double("response_achievement", range: 0...1) { s.targets.responseAchievement = v }
                if let v = try t.double("enquiry_achievement", range: 0...1) { s.targets.enquiryAchievement = v }
                if let v = try t.double("repair_achievement", range: 0...1) { s.targets.repairAchievement = v }
                if let v = try t.double("checklist_completion", range: 0...1) { s.targets.checklistCompletion = v }
                if let v = try t.double("patrol_completion", range: 0...1) { s.targets.patrolCompletion = v }
                if let v = try t.double("training_pass_rate", range: 0...1) { s.targets.trainingPassRate = v }
                if let v = try t.double("callback_rate", range: 0...1) { s.targets.callbackRate = v }
                if let v = try t.double("callback_timeliness", range: 0...1) { s.targets.callbackTimeliness = v }
                try t.rejectUnknown()
            }
            if var t = try r.table("satisfaction") {
                if let v = t.raw("callback_rating_scores") {
                    guard case .array(let a) = v, a.count == 5 else {
                        throw WuyeError.badInput(
                            "\(t.at("callback_rating_scores")): satisfaction.callback_rating_scores must list 5 scores, for ratings 1 to 5"
                        )
                    }
                    var scores: [Double] = []
                    for e in a {
                        switch e {
                        case .integer(let n) where (0...100).contains(n): scores.append(Double(n))
                        case .float(let f) where (0...100).contains(f): scores.append(f)
                        default:
                            throw WuyeError.badInput(
                                "\(t.at("callback_rating_scores")): satisfaction.callback_rating_scores must be numbers from 0 to 100"
                            )
                        }
                    }
                    s.callbackRatingScores = scores
                }
                try t.rejectUnknown()
            }
            if var t = try r.table("training") {
                if let v = try t.double("pass_mark", range: 0...100) { s.trainingPassMark = v }
                if let v = try t.bool("monthly") { s.trainingMonthly = v }
                if let v = try t.bool("quarterly") { s.trainingQuarterly = v }
                try t.rejectUnknown()
            }
            if var t = try r.table("appraisal") {
                if var w = try t.table("weights") {
                    if let v = try w.double("satisfaction", range: 0...100) { s.appraisalWeights.satisfaction = v }
                    if let v = try w.double("complaint_timeliness", range: 0...100) { s.appraisalWeights.complaintTimeliness = v }
                    if let v = try w.double("training_pass_rate", range: 0...100) { s.appraisalWeights.trainingPassRate = v }
                    try w.rejectUnknown()
                    let aw = s.appraisalWeights
                    if aw.satisfaction + aw.complaintTimeliness + aw.trainingPassRate <= 0 {
                        throw WuyeError.badInput("appraisal.weights must not all be 0")
                    }
                }
                try t.rejectUnknown()
            }
            try r.rejectUnknown()
        } catch let e as WuyeError {
            throw WuyeError(e.kind, "\(file): \(e.message)")
        } catch {
            throw .badInput("\(file): \(error)")
        }
        return s
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private static func windows(_ t: inout TOMLReader, _ key: String) throws(WuyeError) -> [DayWindow]? {
        guard let list = try t.strings(key) else { return nil }
        var out: [DayWindow] = []
        for w in list {
            guard let d = DayWindow.parse(w) else {
                throw .badInput(
                    "\(t.at(key)): \(t.path).\(key): '\(w)' is not a window; write HH:MM-HH:MM, e.g. \"07:00-09:00\"")
            }
            out.append(d)
        }
        if out.isEmpty { throw .badInput("\(t.at(key)): \(t.path).\(key) needs at least one window") }
        return out
    }

    /// The built-in standards, as a file a company can copy and edit. Parsing it gives
    /// `Standards()` exactly (a test holds the two together).
    public static let defaultTOML = #"""
        # Wuye standards file: the service-quality plan in figures.
        # Every key is optional; an absent key keeps the value shown here (the plan's).
        # Load your own version with:  wuye standards load FILE   (supervisor only)
        # A clock keeps the limits in force when it started.

        name = "service-quality plan (built-in)"

        [clocks]
        due_soon_share = 0.75          # a clock is "due soon" once this share of its limit has passed (pauses excluded)
        backdate_grace_minutes = 5     # a step recorded more than this long after it happened is marked back-dated

        [clocks.complaint]
        response_minutes = 30          # from receipt to first response, routine (plan 1.1: ≤ 30 min)
        response_emergency_minutes = 15 # the same for an emergency (plan 1.1: ≤ 15 min)
        result_hours = 24              # a simple complaint's result fed back to the owner (plan 3.2)
        progress_hours = 72            # a complex complaint: a progress report every 72 h until resolved (plan 3.2)
        callback_hours = 72            # the callback (回访) after resolution; the company's choice

        [clocks.enquiry]
        answer_minutes = 30            # an owner's enquiry (咨询) answered (plan 3.1)

        [clocks.repair]
        acknowledge_minutes = 30       # a repair request acknowledged, routine
        acknowledge_emergency_minutes = 15 # the same for an emergency
        on_site_hours = 24             # a technician responds on site (plan 3.1: respond within 24 h)
        resolution_hours = 48          # the repair resolved (plan 3.1: resolve within 48 h)

        [duties.cleaning]
        windows = ["07:00-09:00", "14:00-16:00"]   # each public area, twice a day (plan 3.1)

        [duties.garbage]
        windows = ["06:00-08:00", "12:00-14:00", "18:00-20:00"]   # each collection point, three times a day

        [duties.watering]
        days = ["mon", "wed", "fri"]   # each green area, three times a week
        windows = ["07:00-10:00"]

        [duties.patrol]
        every_minutes = 60             # a round of each patrol route every hour
        late_after_minutes = 10        # a round not started this far into its hour is late

        [duties.cctv]
        window_days = 7                # each camera group checked once a month, in its first days

        [duties.inspection]
        window_days = 15               # full inspection of public facilities once a quarter, in its first days

        [targets]
        satisfaction = 80              # owner satisfaction, score of 100 (plan 1.1: ≥ 80)
        complaint_rate_max = 0.05      # complaints ÷ households in a year (plan 1.1: < 5 %)
        complaint_timeliness = 0.90    # share of complaints whose result was fed back in time (plan 1.1: ≥ 90 %)
        response_achievement = 0.90    # share of first responses within their limit
        enquiry_achievement = 0.90     # share of enquiries answered within their limit
        repair_achievement = 0.90      # share of repairs resolved within their limit
        checklist_completion = 0.95    # share of cleaning, garbage, watering, CCTV and inspection duties done
        patrol_completion = 0.95       # share of patrol rounds complete
        training_pass_rate = 0.90      # share of assessments passed (plan 3.3: ≥ 90 %)
        callback_rate = 1.0            # share of resolved complaints called back (plan 3.2.2: every one)
        callback_timeliness = 0.90     # share called back within the callback clock

        [satisfaction]
        callback_rating_scores = [20, 40, 60, 80, 100]   # what a callback rating of 1…5 counts as, of 100

        [training]
        pass_mark = 60                 # lowest assessment score that passes
        monthly = true                 # a short training is due every month (plan 3.3.2)
        quarterly = true               # and a concentrated one every quarter

        [appraisal.weights]            # the monthly appraisal's score, for the bonus sheet (plan 3.4.2)
        satisfaction = 0.4
        complaint_timeliness = 0.4
        training_pass_rate = 0.2
        """#
}
