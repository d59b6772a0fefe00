/// The standards as a list of keys and values, in the standards file's own words: what
/// `standards show` prints as in force, and what `standards load` compares.
extension Standards {
    public struct Entry: Equatable, Sendable {
        /// The full dotted key, e.g. `clocks.complaint.response_minutes`.
        public var key: String
        /// The value as TOML writes it, e.g. `20`, `0.75`, `["07:00-09:00"]`.
        public var value: String
    }

    public var entries: [Entry] {
        func e(_ k: String, _ v: String) -> Entry { Entry(key: k, value: v) }
        func minutes(_ s: Int64) -> String { String(s / 60) }
        func hours(_ s: Int64) -> String { String(s / 3600) }
        func list(_ l: [String]) -> String { "[" + l.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        func windows(_ w: [DayWindow]) -> String { list(w.map(\.description)) }
        let c = clocks, d = duties, t = targets
        return [
            e("name", "\"\(name)\""),
            e("clocks.due_soon_share", Self.number(c.dueSoonShare)),
            e("clocks.backdate_grace_minutes", minutes(c.backdateGrace)),
            e("clocks.complaint.response_minutes", minutes(c.complaintResponse)),
            e("clocks.complaint.response_emergency_minutes", minutes(c.complaintResponseEmergency)),
            e("clocks.complaint.result_hours", hours(c.complaintResult)),
            e("clocks.complaint.progress_hours", hours(c.complaintProgress)),
            e("clocks.complaint.callback_hours", hours(c.complaintCallback)),
            e("clocks.enquiry.answer_minutes", minutes(c.enquiryAnswer)),
            e("clocks.repair.acknowledge_minutes", minutes(c.repairAcknowledge)),
            e("clocks.repair.acknowledge_emergency_minutes", minutes(c.repairAcknowledgeEmergency)),
            e("clocks.repair.on_site_hours", hours(c.repairOnSite)),
            e("clocks.repair.resolution_hours", hours(c.repairResolution)),
            e("duties.cleaning.windows", windows(d.cleaningWindows)),
            e("duties.garbage.windows", windows(d.garbageWindows)),
            e("duties.watering.days", list(d.wateringDays.map { Self.weekdayNames[$0 - 1] })),
            e("duties.watering.windows", windows(d.wateringWindows)),
            e("duties.patrol.every_minutes", String(d.patrolEveryMinutes)),
            e("duties.patrol.late_after_minutes", String(d.patrolLateAfterMinutes)),
            e("duties.cctv.window_days", String(d.cctvWindowDays)),
            e("duties.inspection.window_days", String(d.inspectionWindowDays)),
            e("targets.satisfaction", Self.number(t.satisfaction)),
            e("targets.complaint_rate_max", Self.number(t.complaintRateMax)),
            e("targets.complaint_timeliness", Self.number(t.complaintTimeliness)),
            e("targets.response_achievement", Self.number(t.responseAchievement)),
            e("targets.enquiry_achievement", Self.number(t.enquiryAchievement)),
            e("targets.repair_achievement", Self.number(t.repairAchievement)),
            e("targets.checklist_completion", Self.number(t.checklistCompletion)),
            e("targets.patrol_completion", Self.number(t.patrolCompletion)),
            e("targets.training_pass_rate", Self.number(t.trainingPassRate)),
            e("targets.callback_rate", Self.number(t.callbackRate)),
            e("targets.callback_timeliness", Self.number(t.callbackTimeliness)),
            e("satisfaction.callback_rating_scores", "[" + callbackRatingScores.map(Self.number).joined(separator: ", ") + "]"),
            e("training.pass_mark", Self.number(trainingPassMark)),
            e("training.monthly", String(trainingMonthly)),
            e("training.quarterly", String(trainingQuarterly)),
            e("appraisal.weights.satisfaction", Self.number(appraisalWeights.satisfaction)),
            e("appraisal.weights.complaint_timeliness", Self.number(appraisalWeights.complaintTimeliness)),
            e("appraisal.weights.training_pass_rate", Self.number(appraisalWeights.trainingPassRate)),
        ]
    }

    /// A whole number without a decimal point, others as Swift writes them (`0.75`).
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    /// One line per value that differs: `clocks.complaint.response_minutes 30 → 20`.
    public func changes(to new: Standards) -> [String] {
        zip(entries, new.entries).compactMap { a, b in a.value == b.value ? nil : "\(a.key) \(a.value) → \(b.value)" }
    }

    /// The keys a standards file sets, with where each is written.
    public static func keysSet(in text: String) -> [String: TOMLPosition] {
        guard let t = try? TOMLParser.parse(text) else { return [:] }
        return t.leaves
    }
}

extension TOMLTable {
    /// Every key that holds a value (not a table), by its full dotted name.
    public var leaves: [String: TOMLPosition] {
        var out: [String: TOMLPosition] = [:]
        func walk(_ t: TOMLTable, _ prefix: String) {
            for k in t.keys {
                if case .table(let sub)? = t[k] { walk(sub, prefix + k + ".") } else { out[prefix + k] = t.position(of: k) }
            }
        }
        walk(self, "")
        return out
    }
}
