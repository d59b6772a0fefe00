import WuyeCore

/// A period report as text: 80 columns, Chinese aligned by display width, and nothing cut —
/// an id, a reason or an item's text too long for its line goes on to the next, indented.
public enum ReportText {
    static let width = 80

    /// `text` wrapped to the report's width, the lines after the first indented by `indent`.
    static func wrapped(_ text: String, indent: Int) -> [String] {
        guard let first = DisplayWidth.wrap(text, to: width).first, first.count < text.count else { return [text] }
        // What runs over is wrapped again in the narrower, indented column (the first line
        // is the text's beginning: wrapping only leaves out the space it breaks at).
        let rest = String(text.dropFirst(first.count).drop { $0 == " " })
        let pad = String(repeating: " ", count: indent)
        return [first] + DisplayWidth.wrap(rest, to: width - indent).map { pad + $0 }
    }

    static func heading(_ s: String, _ char: Character = "=") -> [String] {
        ["", s, String(repeating: char, count: min(width, DisplayWidth.of(s)))]
    }

    static func figureLine(_ f: Figure) -> String {
        let label = FigureReport.labels[f.name].map { "\($0.en) \($0.zh.trimmingSpaces)" } ?? f.name
        let met: String
        switch f.met {
        case true?: met = "✓ met"
        case false?: met = "✗ not met"
        case nil: met = "no data"
        }
        let counts = FigureReport.counts(f).joined(separator: ", ")
        return DisplayWidth.fit(label, to: 36) + DisplayWidth.fitRight(FigureReport.percent(f.value), to: 6) + "  "
            + DisplayWidth.fit((f.ceiling ? "≤ " : "≥ ") + FigureReport.percent(f.target), to: 7) + " " + DisplayWidth.fit(met, to: 10)
            + (counts.isEmpty ? "" : " " + counts)
    }

    public static func render(_ r: PeriodReport) -> [String] {
        var out: [String] = []
        func add(_ s: String, indent: Int = 2) { out += wrapped(s, indent: indent) }
        out.append("\(r.title) · \(r.period)")
        add(
            "As it stood at \(ISOFormat.string(r.asOf, in: r.zone)) · produced \(ISOFormat.string(r.produced, in: r.zone))"
                + (r.producedBy.map { " by \($0)" } ?? ""))
        if r.closings.isEmpty {
            add("Not closed for reporting: back-dated steps can still change it (wuye period close YYYY-MM).")
        }
        for c in r.closings { add("\(c.month) closed for reporting on \(ISOFormat.string(c.at, in: r.zone)) by \(c.by).") }
        for scope in r.scopes {
            let name = scope.site.map { "\($0.name) (\($0.id))" } ?? "Company 公司 (all sites)"
            out += heading(name)
            for f in scope.figures.figures { add(figureLine(f), indent: 4) }
            add(FigureReport.patrolLine(scope.figures.patrol))
            if !scope.trend.isEmpty { out += trend(scope.trend) }
            if r.kind != .monthly {
                add("Owners' surveys: \(scope.surveys.count)" + (scope.surveys.mean.map { ", mean score \(Int($0.rounded()))/100" } ?? ""))
            }
            if r.kind == .yearly {
                let total = scope.costs.reduce(0.0) { $0 + $1.total }
                add("Repair costs: \(scope.costs.count) repairs costed, \(money(total)) in all")
                let zone = scope.site?.zone ?? r.zone
                let byMonth = r.period.months.map { m in
                    "\(m.first.month)月 "
                        + money(scope.costs.filter { $0.at >= m.from(in: zone) && $0.at < m.to(in: zone) }.reduce(0.0) { $0 + $1.total })
                }
                add("  by month: " + byMonth.joined(separator: " · "), indent: 4)
                out += costByQuarter(scope, year: r.period.first.year, zone: scope.site?.zone ?? r.zone)
            }
            out += heading("Breaches 超时 (\(scope.breaches.count))", "-")
            if scope.breaches.isEmpty { out.append("  none") }
            for b in scope.breaches {
                let zone = scope.site?.zone ?? r.zone
                let how = b.stoppedAt.map { "done \(ISOFormat.short($0, in: zone))" } ?? "still overdue"
                add(
                    "  \(b.item.id)  \(b.item.site)  \(b.clock.rawValue) due \(ISOFormat.short(b.deadline, in: zone)), \(how)  "
                        + "\(b.item.assignee ?? "nobody")  \(b.item.text)", indent: 6)
            }
        }
        out += heading("Appraisal 绩效考核 (\(r.appraisal.count))", "-")
        for a in r.appraisal {
            let result = a.met == true ? "✓ met" : a.met == false ? "✗ not met: " + a.failed.map(\.name).joined(separator: ", ") : "no data"
            add(
                "  \(a.staff.id)  \(a.staff.name)  \(a.staff.role.label)  \(a.staff.site ?? "all")  score \(a.score.map { String(Int($0.rounded())) } ?? "–")  \(result)",
                indent: 6)
            let cells = a.figures.map { f in
                "\(FigureReport.labels[f.name]?.en ?? f.name) \(AppraisalReport.cell(f, basis: a.satisfactionBasis, counts: a.applies(f)))"
            }
            add("      " + cells.joined(separator: " · "), indent: 8)
        }
        out += heading("Training calendar 培训计划", "-")
        if r.trainings.isEmpty { out.append("  nothing due") }
        for t in r.trainings {
            add("  \(t.period) \(t.kind.rawValue): \(t.state.rawValue)" + (t.session.map { " (\($0))" } ?? ""))
        }
        if r.kind != .monthly {
            out += heading("Owner-representative meetings 业主代表会议 (\(r.meetings.count))", "-")
            for m in r.meetings {
                add("  \(m.id)  \(m.site)  \(ISOFormat.short(m.at, in: r.zone))  \(m.attendees.joined(separator: ", "))", indent: 6)
                for o in m.opinions { add("    · \(o)", indent: 6) }
                if !m.actions.isEmpty { add("    actions: \(m.actions.joined(separator: ", "))", indent: 6) }
            }
            out += heading("Quarterly evaluation 服务质量评估 (\(r.evaluations.count))", "-")
            for v in r.evaluations {
                add("  \(v.id)  \(v.site)  \(v.quarter)", indent: 6)
                for f in v.findings { add("    · \(f)", indent: 6) }
                if !v.actions.isEmpty { add("    actions: \(v.actions.joined(separator: ", "))", indent: 6) }
            }
            out += heading("Corrective actions 整改 (\(r.actions.count))", "-")
            for a in r.actions {
                let st = a.state(at: r.asOf)
                add(
                    "  \(a.id)  \(a.site)  \(a.status.rawValue)  \(Countdown.symbol(st)) \(st.rawValue)  due \(ISOFormat.short(a.due, in: r.zone))  "
                        + "\(a.owner)  \(a.source.rawValue)\(a.sourceRef.map { " \($0)" } ?? "")  \(a.title)", indent: 6)
            }
        }
        if r.kind == .yearly {
            out += heading("Repair costs by site and category 维修成本", "-")
            let table = r.costTable()
            if table.isEmpty { out.append("  none recorded (wuye repair resolve ID --cost MATERIALS,LABOUR)") }
            for c in table {
                add(
                    "  " + DisplayWidth.fit(c.site, to: 10) + DisplayWidth.fit(c.category, to: 14)
                        + DisplayWidth.fitRight(String(c.count), to: 4)
                        + "  materials " + money(c.materials) + "  labour " + money(c.labour) + "  total " + money(c.materials + c.labour),
                    indent: 6)
            }
        }
        out += ["", "Prepared 编制: ____________   Approved 审核: ____________   Date 日期: ________"]
        return out
    }

    static func money(_ v: Double) -> String {
        let cents = (v * 100).rounded()
        let whole = Int64(cents / 100)
        let frac = Int64(abs(cents)) % 100
        return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// A few figures across the trend's periods, one column each.
    static func trend(_ sets: [FigureSet]) -> [String] {
        var out = [
            "", "  Trend 趋势" + DisplayWidth.fit("", to: 24) + sets.map { DisplayWidth.fitRight($0.period.description, to: 9) }.joined(),
        ]
        for n in PeriodReport.trendFigures {
            let label = FigureReport.labels[n]?.en ?? n
            out.append(
                "  " + DisplayWidth.fit(label, to: 32)
                    + sets.map { DisplayWidth.fitRight(FigureReport.percent($0.figure(n)?.value), to: 9) }.joined())
        }
        return out
    }

    /// The year's service figures beside what repairs cost, quarter by quarter.
    static func costByQuarter(_ scope: PeriodReport.Scope, year: Int, zone: Zone) -> [String] {
        guard !scope.trend.isEmpty else { return [] }
        var out = [
            "  Figures against cost 服务与成本" + DisplayWidth.fit("", to: 3)
                + scope.trend.map { DisplayWidth.fitRight($0.period.description, to: 10) }.joined()
        ]
        out.append(
            "  " + DisplayWidth.fit("Repairs in time", to: 32)
                + scope.trend.map { DisplayWidth.fitRight(FigureReport.percent($0.figure("repair_achievement")?.value), to: 10) }.joined())
        out.append(
            "  " + DisplayWidth.fit("Owner satisfaction", to: 32)
                + scope.trend.map { DisplayWidth.fitRight(FigureReport.percent($0.figure("satisfaction")?.value), to: 10) }.joined())
        let costs = scope.trend.map { q in
            scope.costs.filter { $0.at >= q.period.from(in: zone) && $0.at < q.period.to(in: zone) }.reduce(0.0) { $0 + $1.total }
        }
        out.append("  " + DisplayWidth.fit("Repair costs", to: 32) + costs.map { DisplayWidth.fitRight(money($0), to: 10) }.joined())
        return out
    }
}
