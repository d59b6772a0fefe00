import WuyeCore

/// A period report as one self-contained HTML page: no script, nothing fetched, charts as
/// inline SVG, one A4 sheet per section when printed, and "as it stood at", when and by whom
/// it was produced, whether it is closed, and a signature line.
public enum ReportHTML {
    static func esc(_ s: String) -> String { HTMLReport.escape(s) }

    public static func render(_ r: PeriodReport) -> String {
        var body = "<header><h1>\(esc(r.title)) · \(esc(r.period.description))</h1>\n"
        body += "<p class=\"sub\">As it stood at \(esc(ISOFormat.string(r.asOf, in: r.zone))) · produced "
        body += "\(esc(ISOFormat.string(r.produced, in: r.zone)))\(r.producedBy.map { " by " + esc($0) } ?? "")</p>\n"
        if r.closings.isEmpty {
            body += "<p class=\"sub\">Not closed for reporting: back-dated steps can still change it.</p>\n"
        }
        for c in r.closings {
            body +=
                "<p class=\"sub\">\(esc(c.month)) closed for reporting on \(esc(ISOFormat.string(c.at, in: r.zone))) by \(esc(c.by)).</p>\n"
        }
        body += "</header>\n"
        for s in r.scopes {
            let name = s.site.map { "\($0.name) (\($0.id))" } ?? "Company 公司 (all sites)"
            body += "<section><h2>\(esc(name))</h2>\n"
            body += figureTable(s.figures)
            body += "<p>巡逻 \(esc(FigureReport.patrolLine(s.figures.patrol))).</p>\n"
            body += "<figure>\(chart(s.figures))<figcaption>Each figure against its target (dashed)</figcaption></figure>\n"
            if !s.trend.isEmpty {
                body += "<h3>Trend 趋势</h3>\n" + trendTable(s.trend)
                body += "<figure>\(trendChart(s.trend))<figcaption>By \(r.kind == .yearly ? "quarter" : "month")</figcaption></figure>\n"
            }
            if r.kind != .monthly {
                body +=
                    "<p>Owners' surveys: \(s.surveys.count)\(s.surveys.mean.map { ", mean score \(Int($0.rounded()))/100" } ?? "").</p>\n"
            }
            if r.kind == .yearly {
                let total = s.costs.reduce(0.0) { $0 + $1.total }
                body += "<p>Repair costs: \(s.costs.count) repairs costed, \(ReportText.money(total)) in all.</p>\n"
            }
            body += "<h3>Breaches 超时 (\(s.breaches.count))</h3>\n"
            body += table(
                ["item", "site", "clock", "due", "done", "holder", "text"],
                s.breaches.map { b in
                    let zone = s.site?.zone ?? r.zone
                    return [
                        b.item.id, b.item.site, b.clock.rawValue, ISOFormat.short(b.deadline, in: zone),
                        b.stoppedAt.map { ISOFormat.short($0, in: zone) } ?? "still overdue", b.item.assignee ?? "nobody", b.item.text,
                    ]
                })
            body += "</section>\n"
        }
        body += "<section><h2>Appraisal 绩效考核</h2>\n" + appraisalTable(r.appraisal)
        body += "<h3>Training calendar 培训计划</h3>\n"
        body += table(
            ["due in", "kind", "state", "session"],
            r.trainings.map { [$0.period.description, $0.kind.rawValue, $0.state.rawValue, $0.session ?? ""] })
        body += "</section>\n"
        if r.kind != .monthly {
            body += "<section><h2>Owners, evaluation and corrective actions 业主意见、评估与整改</h2>\n"
            body += "<h3>Owner-representative meetings 业主代表会议</h3>\n"
            body += table(
                ["meeting", "site", "held", "attendees", "opinions", "actions"],
                r.meetings.map {
                    [
                        $0.id, $0.site, ISOFormat.short($0.at, in: r.zone), $0.attendees.joined(separator: ", "),
                        $0.opinions.joined(separator: "；"), $0.actions.joined(separator: " "),
                    ]
                })
            body += "<h3>Quarterly evaluation 服务质量评估</h3>\n"
            body += table(
                ["evaluation", "site", "quarter", "findings", "actions"],
                r.evaluations.map { [$0.id, $0.site, $0.quarter, $0.findings.joined(separator: "；"), $0.actions.joined(separator: " ")] })
            body += "<h3>Corrective actions 整改</h3>\n"
            body += table(
                ["action", "site", "status", "clock", "due", "owner", "from", "title"],
                r.actions.map { a in
                    [
                        a.id, a.site, a.status.rawValue, a.state(at: r.asOf).rawValue, ISOFormat.short(a.due, in: r.zone), a.owner,
                        a.source.rawValue + (a.sourceRef.map { " " + $0 } ?? ""), a.title,
                    ]
                })
            body += "</section>\n"
        }
        if r.kind == .yearly {
            body += "<section><h2>Repair costs 维修成本</h2>\n"
            body += table(
                ["site", "category", "repairs", "materials", "labour", "total"],
                r.costTable().map {
                    [
                        $0.site, $0.category, String($0.count), ReportText.money($0.materials), ReportText.money($0.labour),
                        ReportText.money($0.materials + $0.labour),
                    ]
                })
            body += "</section>\n"
        }
        body += "<footer class=\"sign\"><span>Prepared by 编制: ________________</span><span>Approved by 审核: ________________</span>"
        body += "<span>Date 日期: ____________</span></footer>\n"
        return page(title: "\(r.title) \(r.period)", body: body)
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "<p class=\"sub\">none</p>\n" }
        var s = "<table><thead><tr>" + header.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { s += "<tr>" + row.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n" }
        return s + "</tbody></table>\n"
    }

    static func figureTable(_ set: FigureSet) -> String {
        var s =
            "<table><thead><tr><th>figure</th><th>指标</th><th>value</th><th>target</th><th>result</th><th>counts</th></tr></thead><tbody>\n"
        for f in set.figures {
            let l = FigureReport.labels[f.name]
            s += "<tr><td>\(esc(l?.en.trimmingSpaces ?? f.name))</td><td>\(esc(l?.zh.trimmingSpaces ?? ""))</td>"
            s +=
                "<td class=\"num\">\(FigureReport.percent(f.value))</td><td class=\"num\">\(f.ceiling ? "≤" : "≥") \(FigureReport.percent(f.target))</td>"
            s +=
                "<td class=\"\(HTMLReport.rowClass(f))\">\(HTMLReport.mark(f.met)) \(f.met == true ? "met 达标" : f.met == false ? "not met 未达标" : "no data")</td>"
            s += "<td class=\"counts\">\(esc(FigureReport.counts(f).joined(separator: ", ")))</td></tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    /// The lines of the trend chart: its percentages (the complaint rate is not one).
    static let trendNames = PeriodReport.trendFigures.filter { $0 != "complaint_rate" }

    static func trendTable(_ sets: [FigureSet]) -> String {
        var s =
            "<table><thead><tr><th>figure</th>" + sets.map { "<th class=\"num\">\(esc($0.period.description))</th>" }.joined()
            + "</tr></thead><tbody>\n"
        for n in PeriodReport.trendFigures {
            s += "<tr><td>\(esc(FigureReport.labels[n]?.en.trimmingSpaces ?? n))</td>"
            for set in sets {
                let f = set.figure(n)
                s += "<td class=\"num \(f.map(HTMLReport.rowClass) ?? "none")\">\(FigureReport.percent(f?.value))</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    /// A bar per achievement figure (0–100 %), coloured by whether it met its target, with
    /// the target as a dashed tick.
    static func chart(_ set: FigureSet) -> String {
        let list = set.figures.filter {
            !$0.ceiling && $0.name != "satisfaction" && !$0.name.hasPrefix("checklist_") || $0.name == "checklist_completion"
        }
        let rowH = 16
        let labelW = 190
        let barW = 300
        let h = list.count * rowH + 4
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(labelW + barW + 60)\" height=\"\(h)\" viewBox=\"0 0 \(labelW + barW + 60) \(h)\" role=\"img\">"
        for (i, f) in list.enumerated() {
            let y = i * rowH + 2
            svg += "<text x=\"0\" y=\"\(y + 11)\">\(esc(FigureReport.labels[f.name]?.en.trimmingSpaces ?? f.name))</text>"
            svg += "<rect x=\"\(labelW)\" y=\"\(y + 2)\" width=\"\(barW)\" height=\"10\" class=\"track\"/>"
            if let v = f.value {
                let w = Int((min(1, max(0, v)) * Double(barW)).rounded())
                svg +=
                    "<rect x=\"\(labelW)\" y=\"\(y + 2)\" width=\"\(w)\" height=\"10\" class=\"\(f.met == true ? "bm" : "bx")\"><title>\(FigureReport.percent(v))</title></rect>"
                svg += "<text x=\"\(labelW + barW + 6)\" y=\"\(y + 11)\">\(FigureReport.percent(v))</text>"
            }
            let tx = labelW + Int((min(1, f.target) * Double(barW)).rounded())
            svg += "<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(y)\" y2=\"\(y + 14)\" class=\"target\"/>"
        }
        return svg + "</svg>"
    }

    /// A line per figure across the trend's periods (0–100 %).
    static func trendChart(_ sets: [FigureSet]) -> String {
        let w = 480
        let h = 160
        let step = sets.count > 1 ? Double(w - 40) / Double(sets.count - 1) : 0
        func y(_ v: Double) -> Int { h - 20 - Int((min(1, max(0, v)) * Double(h - 30)).rounded()) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(w + 200)\" height=\"\(h)\" viewBox=\"0 0 \(w + 200) \(h)\" role=\"img\">"
        svg += "<line x1=\"20\" x2=\"\(w - 20)\" y1=\"\(y(0))\" y2=\"\(y(0))\" class=\"axis\"/>"
        for (i, s) in sets.enumerated() {
            svg += "<text x=\"\(20 + Int(Double(i) * step))\" y=\"\(h - 4)\" text-anchor=\"middle\">\(esc(s.period.description))</text>"
        }
        for (k, n) in trendNames.enumerated() {
            let points = sets.enumerated().compactMap { i, s in s.figure(n)?.value.map { "\(20 + Int(Double(i) * step)),\(y($0))" } }
            guard !points.isEmpty else { continue }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"l\(k)\" fill=\"none\"/>"
            svg += "<text x=\"\(w)\" y=\"\(14 + k * 16)\" class=\"t\(k)\">— \(esc(FigureReport.labels[n]?.en.trimmingSpaces ?? n))</text>"
        }
        return svg + "</svg>"
    }

    static func appraisalTable(_ list: [StaffAppraisal]) -> String {
        guard !list.isEmpty else { return "<p class=\"sub\">none</p>\n" }
        var s =
            "<table><thead><tr><th>staff</th><th>name</th><th>role</th><th>site</th><th>satisfaction</th><th>timeliness</th><th>training</th>"
        s += "<th>score</th><th>result</th></tr></thead><tbody>\n"
        for a in list {
            s +=
                "<tr><td>\(esc(a.staff.id))</td><td>\(esc(a.staff.name))</td><td>\(esc(a.staff.role.label))</td><td>\(esc(a.staff.site ?? "all"))</td>"
            for f in a.figures {
                // Each figure says its own outcome: a met one stays met on a row that failed.
                let cls = a.applies(f) ? HTMLReport.rowClass(f) : "none"
                s += "<td class=\"\(cls)\">\(esc(AppraisalReport.cell(f, basis: a.satisfactionBasis, counts: a.applies(f))))</td>"
            }
            s += "<td class=\"num\">\(a.score.map { String(Int($0.rounded())) } ?? "–")</td>"
            let failed = a.failed.map { FigureReport.labels[$0.name]?.en ?? $0.name }.joined(separator: ", ")
            s += "<td class=\"\(a.met == false ? "miss" : a.met == true ? "met" : "none")\">"
            s += a.met == true ? "✓ met 达标" : a.met == false ? "✗ not met 未达标: \(esc(failed))" : "no data 无数据"
            s += "</td></tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    /// The report's page: the shared stylesheet, with A4 sheets, a section to a sheet,
    /// the trend lines' colours and the signature line.
    static func page(title: String, body: String) -> String {
        HTMLReport.page(
            title: title, body: body,
            style: """
                @page { size: A4; margin: 14mm; }
                body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10pt; }
                h1 { font-size: 16pt; margin: 0 0 0.2em 0; } h2 { font-size: 13pt; } h3 { font-size: 11pt; margin-bottom: 0.3em; }
                .sub { color: #555; margin: 0.2em 0; } table { margin-bottom: 0.8em; } th, td { padding: 2px 8px; vertical-align: top; }
                td.none { color: #777; } .track { fill: #eee; } .axis { stroke: #999; } polyline { stroke-width: 2; }
                .l0 { stroke: #1565c0; } .l1 { stroke: #2e7d32; } .l2 { stroke: #ef6c00; } .l3 { stroke: #6a1b9a; } .l4 { stroke: #00838f; }
                .l5 { stroke: #795548; } .l6 { stroke: #c62828; }
                .t0 { fill: #1565c0; } .t1 { fill: #2e7d32; } .t2 { fill: #ef6c00; } .t3 { fill: #6a1b9a; } .t4 { fill: #00838f; }
                .t5 { fill: #795548; } .t6 { fill: #c62828; }
                .sign { display: flex; gap: 3em; margin-top: 3em; }
                @media print { body { margin: 0; } section { break-before: page; page-break-before: always; } figure, table { break-inside: avoid; } }
                """)
    }
}
