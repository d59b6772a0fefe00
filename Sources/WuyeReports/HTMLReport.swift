import WuyeCore

/// Reports as one self-contained HTML page (no script, no outside file), with charts
/// drawn as inline SVG: it opens in any browser, prints, and can be mailed as it is.
public enum HTMLReport {
    /// The figures of a period, with a chart per figure of its months (`trend`).
    public static func figures(_ set: FigureSet, trend: [FigureSet], siteName: String) -> String {
        var body = "<h1>\(escape(siteName)) · \(escape(set.period.description))</h1>\n"
        body += "<p class=\"sub\">物业服务质量指标 · service-quality figures, each against its target</p>\n"
        body += "<table><thead><tr><th>figure</th><th>指标</th><th>value</th><th>target</th><th></th><th>counts</th>"
        body += "<th>months</th></tr></thead><tbody>\n"
        for f in set.figures {
            let labels = FigureReport.labels[f.name]
            let series = trend.map { t in (t.period.description, t.figure(f.name)) }
            body += "<tr class=\"\(rowClass(f))\"><td>\(escape(labels?.en.trimmingSpaces ?? f.name))</td>"
            body += "<td>\(escape(labels?.zh.trimmingSpaces ?? ""))</td>"
            body += "<td class=\"num\">\(FigureReport.percent(f.value))</td>"
            body += "<td class=\"num\">\(f.ceiling ? "≤" : "≥") \(FigureReport.percent(f.target))</td>"
            body += "<td>\(mark(f.met))</td><td class=\"counts\">\(escape(FigureReport.counts(f).joined(separator: ", ")))</td>"
            body += "<td>\(chart(series, target: f.target, ceiling: f.ceiling))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        body += "<p>巡逻 \(escape(FigureReport.patrolLine(set.patrol))).</p>\n"
        return page(title: "Wuye · \(siteName) · \(set.period)", body: body)
    }

    /// The monthly appraisal: one row per staff member, each indicator marked.
    public static func appraisal(_ list: [StaffAppraisal], period: Period, scope: String) -> String {
        // The same table as the reports' appraisal section.
        let body = "<h1>Monthly appraisal 绩效考核 · \(escape(period.description)) · \(escape(scope))</h1>\n" + ReportHTML.appraisalTable(list)
        return page(title: "Wuye · appraisal \(period)", body: body)
    }

    static func rowClass(_ f: Figure) -> String {
        switch f.met {
        case true?: "met"
        case false?: "miss"
        case nil: "none"
        }
    }

    static func mark(_ met: Bool?) -> String {
        switch met {
        case true?: "✓"
        case false?: "✗"
        case nil: "–"
        }
    }

    /// Bars of the months' values, coloured by whether each met the target, with the
    /// target as a dashed line; a month without data has no bar.
    static func chart(_ series: [(String, Figure?)], target: Double, ceiling: Bool) -> String {
        let w = 24
        let h = 48
        let top = max(1.0, target, series.compactMap { $0.1?.value }.max() ?? 0)
        func y(_ v: Double) -> Int { h - Int((v / top * Double(h)).rounded()) }
        var svg =
            "<svg width=\"\(series.count * w)\" height=\"\(h + 14)\" viewBox=\"0 0 \(series.count * w) \(h + 14)\" role=\"img\">"
        for (i, (label, f)) in series.enumerated() {
            let x = i * w
            if let v = f?.value {
                let met = ceiling ? v <= target : v >= target
                let barTop = y(v)
                svg +=
                    "<rect x=\"\(x + 3)\" y=\"\(barTop)\" width=\"\(w - 6)\" height=\"\(max(1, h - barTop))\" class=\"\(met ? "bm" : "bx")\">"
                svg += "<title>\(escape(label)): \(FigureReport.percent(v))</title></rect>"
            }
            svg += "<text x=\"\(x + w / 2)\" y=\"\(h + 11)\" text-anchor=\"middle\">\(escape(String(label.suffix(2))))</text>"
        }
        svg += "<line x1=\"0\" x2=\"\(series.count * w)\" y1=\"\(y(target))\" y2=\"\(y(target))\" class=\"target\"/>"
        return svg + "</svg>"
    }

    /// A whole page; `style` adds to the shared stylesheet (a report's print layout).
    static func page(title: String, body: String, style: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
        h1 { font-size: 1.4em; margin-bottom: 0.2em; } .sub { color: #666; margin-top: 0; }
        table { border-collapse: collapse; } th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        th { background: #f3f3f3; } .num { text-align: right; font-variant-numeric: tabular-nums; }
        .counts { color: #666; font-size: 0.9em; } td.miss { color: #b00020; }
        td.met { color: #1b7f3b; }
        svg text { font-size: 9px; fill: #666; } .bm { fill: #4caf50; } .bx { fill: #e53935; }
        .target { stroke: #333; stroke-dasharray: 3 2; }
        @media print { body { margin: 0.5cm; } }
        \(style)</style></head>
        <body>
        \(body)</body></html>

        """
    }

    /// Text for HTML: the markup characters escaped, and control characters made inert.
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in InertText.make(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
