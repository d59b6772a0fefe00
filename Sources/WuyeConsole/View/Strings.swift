import Foundation

/// The console's words, in English and Simplified Chinese (`--lang`, or the locale).
public struct Strings: Sendable {
    public enum Lang: String, Sendable { case en, zh }

    public let lang: Lang

    public init(_ lang: Lang) { self.lang = lang }

    /// `--lang` wins; otherwise `LC_ALL`, `LC_MESSAGES` or `LANG` starting with `zh`.
    public static func detect(_ requested: String?) -> Lang {
        if let r = requested?.lowercased() { return r.hasPrefix("zh") ? .zh : .en }
        let env = ProcessInfo.processInfo.environment
        for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[k], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }

    public subscript(_ key: String) -> String {
        let t = Strings.table[key]
        return (lang == .zh ? t?.1 : t?.0) ?? key
    }

    static let table: [String: (String, String)] = [
        "all_sites": ("all sites", "全部项目"),
        "demo": ("DEMO", "演示"),
        "as_of": ("AS OF", "历史"),
        "stale": ("NOT LIVE", "已停止更新"),
        "yes": ("yes", "是"),
        "no": ("no", "否"),
        "form.next": ("next", "下一项"),
        "form.back": ("back", "上一项"),
        "form.save": ("save", "保存"),
        "form.leave": ("leave", "离开"),
        "form.leave?": ("Leave without saving what was typed? y leaves, any other key stays", "放弃已输入的内容并离开？按 y 离开，其他键留下"),
        "new.complaint": ("New complaint", "新投诉"),
        "new.enquiry": ("New enquiry", "新咨询"),
        "new.repair": ("New repair", "新报修"),
        "field.place": ("Unit / area", "房号/区域"),
        "field.category": ("Category", "类别"),
        "field.text": ("What", "内容"),
        "field.channel": ("Channel", "渠道"),
        "field.emergency": ("Emergency", "紧急"),
        "field.complex": ("Complex", "复杂"),
        "field.owner": ("Owner", "业主"),
        "field.phone": ("Phone", "电话"),
        "field.site": ("Site", "项目"),
        "new_pending": ("new: c complaint · e enquiry · r repair", "新建：c 投诉 · e 咨询 · r 报修"),
        "read_only": ("looking at the past (--as-of): nothing can be changed here", "正在查看历史（--as-of）：此处不能修改"),
        "not_signed_in": ("not signed in (--as)", "未登录 (--as)"),
        "items.title": ("Open complaints & enquiries", "待办投诉与咨询"),
        "checklist.title": ("Today's checklist", "今日工作清单"),
        "repairs.title": ("Overdue repairs", "超时报修"),
        "figures.title": ("This month", "本月指标"),
        "none.items": ("nothing open", "暂无待办"),
        "none.repairs": ("no repair is overdue", "没有超时报修"),
        "none.duties": ("no duties today", "今日无任务"),
        "too_small": ("terminal too small (needs 80×24)", "终端太小（至少 80×24）"),
        "help.title": ("Keys", "按键"),
        "help.close": ("Esc or ? closes this", "按 Esc 或 ? 关闭"),
        "filter": ("filter", "筛选"),
        "rounds": ("rounds", "巡逻"),
        "by": ("by", "完成人"),
        "timeline": ("Timeline", "处理记录"),
        "clocks": ("Clocks", "计时"),
        "backdated": ("back-dated", "补录"),
        "saved": ("saved", "已保存"),
        "need_actor": ("sign in with --as STAFF to tick duties", "请用 --as 指定员工后再勾选"),
        "tick_round": ("patrol rounds are ticked by scanning: wuye patrol scan CODE", "巡逻请扫描巡检点：wuye patrol scan 编码"),
        "action.quit": ("quit", "退出"),
        "action.new": ("new", "新建"),
        "action.help": ("help", "帮助"),
        "action.redraw": ("redraw", "重绘"),
        "action.back": ("back", "返回"),
        "action.open": ("open", "详情"),
        "action.filter": ("filter", "筛选"),
        "action.tick": ("tick", "勾选"),
        "action.move_up": ("up", "上移"),
        "action.move_down": ("down", "下移"),
        "action.page_up": ("page up", "上页"),
        "action.page_down": ("page down", "下页"),
        "action.top": ("first", "首项"),
        "action.bottom": ("last", "末项"),
        "action.next_pane": ("next pane", "切换面板"),
        "action.prev_pane": ("previous pane", "上一面板"),
        "action.switch_site": ("site", "切换项目"),
        "fig.complaint_timeliness": ("Timeliness", "及时率"),
        "fig.response_achievement": ("Response", "响应"),
        "fig.satisfaction": ("Satisfaction", "满意度"),
        "fig.complaint_rate": ("Complaint rate", "投诉率"),
        "fig.checklist_completion": ("Checklist", "清单完成"),
        "kind.cleaning": ("clean", "清洁"),
        "kind.garbage": ("trash", "垃圾"),
        "kind.watering": ("water", "浇水"),
        "kind.patrol": ("patrol", "巡逻"),
        "kind.cctv": ("CCTV", "监控"),
        "kind.inspection": ("inspection", "巡检"),
        "clock.response": ("response", "响应"),
        "clock.result": ("result", "结果反馈"),
        "clock.progress": ("progress", "进度反馈"),
        "clock.callback": ("callback", "回访"),
        "clock.answer": ("answer", "答复"),
        "clock.acknowledge": ("acknowledge", "受理"),
        "clock.on_site": ("on site", "上门"),
        "clock.resolution": ("resolution", "修复"),
        "clock.short.acknowledge": ("ack", "受理"),
        "clock.short.on_site": ("on site", "上门"),
        "clock.short.resolution": ("resolve", "修复"),
        "state.upcoming": ("upcoming", "未开始"),
        "state.due": ("due", "待完成"),
        "state.done": ("done", "已完成"),
        "state.done_late": ("done late", "逾时完成"),
        "state.missed": ("missed", "漏做"),
        "state.late": ("late", "迟到"),
        "state.complete": ("complete", "完成"),
        "state.incomplete": ("incomplete", "未完成"),
    ]
}
