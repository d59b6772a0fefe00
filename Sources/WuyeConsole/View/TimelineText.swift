import WuyeCore

/// One line of an item's timeline in the console's language. In Chinese the product's own
/// words are said in Chinese, in the same words as the item's statuses (已响应, 已接单 …);
/// what people wrote (notes, reasons, the owner's text) and names and ids stay as written.
/// In English, and for steps that are not an item's, it is `EventText`'s line.
extension Strings {
    public func timeline(_ body: EventBody) -> String {
        guard lang == .zh, case .item(let e) = body else { return EventText.describe(body) }
        func note(_ n: String?) -> String { n.map { "：\($0)" } ?? "" }
        switch e {
        case .opened(let o):
            var s = "登记\(self["item.\(o.kind.rawValue)"])"
            if let c = o.channel { s += "（\(self["channel.\(c.rawValue)"])）" }
            if o.emergency { s += "，\(self["item.emergency"])" }
            if o.complex { s += "，\(self["item.complex"])" }
            if let src = o.source { s += src.hasPrefix("IN-") ? "，来自消息 \(src)" : "，发现于 \(src)" }
            return s + "：\(o.text)"
        case .assigned(let to, let n): return "派给 \(to)" + note(n)
        case .routed(let dept, let to, let n): return "派给 \(dept)" + (to.map { " / \($0)" } ?? "") + note(n)
        case .responded(let n): return self["status.responded"] + note(n)
        case .acknowledged(let n): return self["status.acknowledged"] + note(n)
        case .arrived(let n): return "师傅" + self["status.on_site"] + note(n)
        case .progressReported(let n): return "已报告进展" + note(n)
        case .resolved(let n): return self["status.resolved"] + note(n)
        case .answered(let n): return self["status.answered"] + note(n)
        case .calledBack(let r, let n): return "\(self["status.called_back"])，评分 \(r)/5" + note(n)
        case .closed(let n): return self["status.closed"] + note(n)
        case .reopened(let reason, _): return "重新打开（新一轮）：\(reason)"
        case .paused(let reason): return "暂停计时：\(reason)"
        case .resumed(let n): return "恢复计时" + note(n)
        case .voided(let reason): return "\(self["status.void"])：\(reason)"
        case .edited(let f, let from, let to, let reason): return "\(f) 由“\(from ?? "")”更正为“\(to ?? "")”：\(reason)"
        case .breachAcknowledged(let n): return "超时已确认：\(n)"
        case .escalated(let to, let n): return "升级至 \(to)：\(n)"
        case .reclassified(let em, let cx, let reason):
            return "改为\(em ? self["item.emergency"] : "一般")、\(cx ? self["item.complex"] : "简单")：\(reason)"
        }
    }
}
