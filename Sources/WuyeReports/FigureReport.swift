import WuyeCore

/// Figures as text, JSON and CSV (CSV with a BOM, so that Excel reads the UTF-8).
public enum FigureReport {
    public static let labels: [String: (en: String, zh: String)] = [
        "satisfaction": ("Owner satisfaction", "业主满意度"),
        "complaint_timeliness": ("Complaint timeliness", "投诉处理及时率"),
        "response_achievement": ("Response in time", "响应及时率"),
        "enquiry_achievement": ("Enquiries answered in time", "咨询答复及时率"),
        "repair_achievement": ("Repairs in time", "报修处理及时率"),
        "callback_rate": ("Complaints called back", "投诉回访率"),
        "callback_timeliness": ("Called back in time", "回访及时率"),
        "complaint_rate": ("Complaint rate (per year)", "年投诉率"),
        "checklist_completion": ("Checklist completion", "日常工作完成率"),
        "checklist_cleaning": ("  cleaning", "  清洁"),
        "checklist_garbage": ("  garbage", "  垃圾清运"),
        "checklist_watering": ("  watering", "  绿化浇水"),
        "checklist_cctv": ("  CCTV checks", "  监控检查"),
        "checklist_inspection": ("  facility inspection", "  设施巡检"),
        "patrol_completion": ("Patrol rounds complete", "巡逻完成率"),
        "training_pass_rate": ("Training pass rate", "培训合格率"),
        "training_held": ("Training held as planned", "培训按计划开展"),
    ]

    public static func percent(_ v: Double?) -> String {
        guard let v else { return "–" }
        let p = v * 100
        return p >= 10 || p == 0 ? "\(Int(p.rounded()))%" : String(format1(p)) + "%"
    }

    static func format1(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// What a figure was made of, in words: met of decided (or how many scores), and
    /// what is pending, back-dated or imported.
    static func counts(_ f: Figure) -> [String] {
        var parts: [String] = []
        if f.name == "satisfaction", f.denominator > 0 {
            parts.append("\(Int(f.denominator)) score\(f.denominator == 1 ? "" : "s")")
        } else if let count = f.count, let base = f.base {
            parts.append("\(count) complaint\(count == 1 ? "" : "s") / \(base) households")
            if let d = f.daysCovered, d > 0, d < 365 { parts.append("a year's worth from \(d) day\(d == 1 ? "" : "s")") }
        } else if f.name != "complaint_rate", f.denominator > 0 {
            parts.append("\(Int(f.numerator.rounded()))/\(Int(f.denominator))")
        }
        if f.pending > 0 { parts.append("\(f.pending) pending") }
        if f.backdated > 0 { parts.append("\(f.backdated) back-dated") }
        if f.imported > 0 { parts.append("\(f.imported) imported") }
        return parts
    }

    public static func text(_ set: FigureSet) -> [String] {
        var lines = ["Figures for \(set.site ?? "the company (all sites)"), \(set.period)", ""]
        for f in set.figures {
            let label = labels[f.name]?.en ?? f.name
            let met: String
            switch f.met {
            case true?: met = "✓ met"
            case false?: met = "✗ not met"
            case nil: met = "no data"
            }
            let extra = counts(f)
            lines.append(
                DisplayWidth.fit(label, to: 30) + DisplayWidth.fitRight(percent(f.value), to: 7) + "  "
                    + DisplayWidth.fit((f.ceiling ? "≤ " : "≥ ") + percent(f.target), to: 7) + "  " + DisplayWidth.fit(met, to: 10)
                    + (extra.isEmpty ? "" : "  (" + extra.joined(separator: ", ") + ")"))
        }
        lines.append("")
        lines.append(patrolLine(set.patrol))
        return lines
    }

    /// The rounds by outcome, each with how many of them started late.
    public static func patrolLine(_ p: PatrolCounts) -> String {
        func late(_ n: Int) -> String { n > 0 ? " (\(n) started late)" : "" }
        return "Patrol rounds: \(p.complete) complete\(late(p.lateComplete)), \(p.incomplete) incomplete\(late(p.lateIncomplete)), "
            + "\(p.missed) missed, \(p.pending) not over yet"
    }

    /// One figure's fields, as every JSON report writes them.
    static func fields(_ f: Figure, into w: inout JSONWriter) {
        w.field("name", f.name)
        w.field("value", f.value)
        w.field("target", f.target)
        w.field("met", f.met)
        w.field("better", f.ceiling ? "lower" : "higher")
        w.field("numerator", f.numerator)
        w.field("denominator", f.denominator)
        w.field("pending", f.pending)
        w.field("backdated", f.backdated)
        w.field("imported", f.imported)
        if let c = f.count { w.field("count", c) }
        if let b = f.base { w.field("base", b) }
        if let d = f.daysCovered { w.field("days_covered", d) }
    }

    public static func json(_ set: FigureSet, into w: inout JSONWriter) {
        w.beginObject()
        w.field("site", set.site)
        w.field("period", set.period.description)
        w.field("from", set.period.first.description)
        w.field("to", set.period.end.description)
        w.key("figures")
        w.beginArray()
        for f in set.figures {
            w.beginObject()
            fields(f, into: &w)
            w.endObject()
        }
        w.endArray()
        w.key("patrol")
        w.beginObject()
        w.field("complete", set.patrol.complete)
        w.field("late", set.patrol.late)
        w.field("late_complete", set.patrol.lateComplete)
        w.field("late_incomplete", set.patrol.lateIncomplete)
        w.field("incomplete", set.patrol.incomplete)
        w.field("missed", set.patrol.missed)
        w.field("pending", set.patrol.pending)
        w.endObject()
        w.endObject()
    }

    public static func csv(_ set: FigureSet) -> String {
        var out = "\u{FEFF}figure,名称,value,target,met,numerator,denominator,pending,backdated,imported\r\n"
        for f in set.figures {
            let zh = labels[f.name]?.zh.trimmingSpaces ?? ""
            out +=
                [
                    f.name, zh, f.value.map { String($0) } ?? "", String(f.target), f.met.map { $0 ? "yes" : "no" } ?? "",
                    String(f.numerator), String(f.denominator), String(f.pending), String(f.backdated), String(f.imported),
                ].map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String { SpreadsheetCell.make(s) }
}
