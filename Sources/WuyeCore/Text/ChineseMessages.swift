import Foundation

/// Wuye's messages in Chinese: what the command line prints under a Chinese locale and
/// what the console shows in its status line when it speaks Chinese.
///
/// A message is said clause by clause (the parts between "; " and the sentences after
/// ". ", outside brackets). Each clause is matched against the catalogue of templates
/// below, in which `%` stands for a part of the message that is data (an id, a time, a
/// file, a count); the Chinese names those parts `%1`, `%2`… A part that is one of the
/// product's words (a role, a kind, a status, a step) is said in Chinese too; every other
/// part is kept as it is. A clause the catalogue does not know stays in English, so
/// nothing a message says is ever lost; a test holds every message in the sources to a
/// template here. A leading "file: line:" is kept and the rest said.
public enum ChineseMessages {
    public static func say(_ message: String) -> String {
        var out = ""
        for (clause, separator) in clauses(message) {
            out += self.clause(clause)
            switch separator {
            case "; ": out += "；"
            case ". ": out += "。"
            default: out += separator
            }
        }
        return out
    }

    /// Whether `clause` has a template (after any leading "where: " prefixes).
    public static func knows(_ clause: String) -> Bool { translate(clause) != nil }

    /// The clauses of a message, each with the separator that follows it ("" for the last).
    public static func clauses(_ message: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var depth = 0
        var current = ""
        var chars = Array(message)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth = max(0, depth - 1) }
            if depth == 0, c == ";" || c == ".", chars.first == " " {
                let next = chars.dropFirst().first
                // A sentence ends at ". " before a capital; "e.g. " and "… " do not end one.
                if c == ";" || (next?.isUppercase == true && !current.hasSuffix("e.g")) {
                    result.append((current, c == ";" ? "; " : ". "))
                    current = ""
                    chars = chars.dropFirst()
                    continue
                }
            }
            current.append(c)
        }
        result.append((current, ""))
        return result
    }

    static func clause(_ c: String) -> String { translate(c) ?? c }

    static func translate(_ c: String) -> String? {
        if c.isEmpty { return "" }
        // "site.toml:12:3: …", "IN-4: …", "line 3: …": the place may be kept and the rest
        // said; of the whole clause and each rest, the one the most specific template reads.
        var best: (weight: Int, text: String)?
        var prefix = ""
        var rest = Substring(c)
        while true {
            if let (w, t) = match(String(rest)), w >= best?.weight ?? Int.min { best = (w, prefix + t) }
            guard let r = rest.range(of: ": ") else { break }
            prefix += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
        }
        return best?.text
    }

    static func match(_ c: String) -> (Int, String)? {
        for rule in rules where c.contains(rule.fragment) {
            guard let found = captures(rule.tokens[...], Substring(c)) else { continue }
            var out = rule.zh
            for (i, part) in found.enumerated().reversed() {
                out = out.replacingOccurrences(of: "%\(i + 1)", with: said(String(part), as: rule.parts[i]))
            }
            return (rule.weight, out)
        }
        return nil
    }

    /// The parts of `s` that the holes of `tokens` take, if the whole of `s` reads as the
    /// template: each text in one of its spellings, each hole one of its words or, for
    /// data, as little as lets the rest read.
    static func captures(_ tokens: ArraySlice<Token>, _ s: Substring) -> [Substring]? {
        guard let first = tokens.first else { return s.isEmpty ? [] : nil }
        let rest = tokens.dropFirst()
        switch first {
        case .text(let spellings):
            for t in spellings where s.hasPrefix(t) {
                if let r = captures(rest, s.dropFirst(t.count)) { return r }
            }
            return nil
        case .hole(let kind):
            if let words = holeWords[kind] {
                for w in words where s.hasPrefix(w) {
                    if let r = captures(rest, s.dropFirst(w.count)) { return [s.prefix(w.count)] + r }
                }
                return nil
            }
            var end = s.startIndex
            while true {
                if let r = captures(rest, s[end...]) { return [s[..<end]] + r }
                if end == s.endIndex { return nil }
                end = s.index(after: end)
            }
        }
    }

    static let holeWords: [Character: [String]] = [
        "k": ItemKind.allCases.map(\.rawValue), "s": statuses, "r": Staff.Role.allCases.map(\.rawValue),
    ]

    /// A part of a message as its template's placeholder says: data (`%`) is kept as it
    /// is, whatever it reads like (an owner's reason may well be "done"); the product's
    /// words (`%w`, `%k`, `%s`, `%r`) are said in Chinese; a message inside (`%m`, the
    /// error a file's name is put before) is said through the catalogue.
    static func said(_ part: String, as kind: Character) -> String {
        switch kind {
        case "%": part
        case "m": translate(part) ?? part
        default: words(part)
        }
    }

    /// The product's words inside a part: roles, kinds, statuses, steps, clocks.
    static func words(_ s: String) -> String {
        if let w = dictionary[s] { return w }
        // "received, assigned or in progress", "desk, guard": a list, each word said.
        var items = s.components(separatedBy: ", ")
        var last = items.removeLast()
        var joiner = "、"
        for sep in [" or ", " and "] where last.contains(sep) {
            let two = last.components(separatedBy: sep)
            guard two.count == 2 else { return s }
            items.append(two[0])
            last = two[1]
            joiner = sep == " or " ? "或" : "和"
        }
        items.append(last)
        guard items.count > 1, items.allSatisfy({ dictionary[$0] != nil }) else { return s }
        let said = items.map { dictionary[$0]! }
        return said.dropLast().joined(separator: "、") + joiner + said.last!
    }

    static let dictionary: [String: String] = [
        "desk": "客服", "guard": "保安", "cleaner": "保洁", "technician": "维修工", "supervisor": "主管",
        "complaint": "投诉", "enquiry": "咨询", "repair": "报修", "complaints": "投诉", "enquiries": "咨询", "repairs": "报修",
        "received": "已登记", "assigned": "已派单", "responded": "已响应", "acknowledged": "已接单", "on_site": "已到场",
        "resolved": "已解决", "answered": "已答复", "called_back": "已回访", "called back": "已回访", "on site": "已到场",
        "in progress": "处理中", "open and not yet resolved": "处理中且尚未解决", "closed": "已关闭", "void": "已作废",
        "open": "登记", "assign": "派单", "respond": "响应", "ack": "接单", "progress": "报告进度", "resolve": "解决",
        "answer": "答复", "callback": "回访", "close": "关闭", "reopen": "重开", "pause": "暂停", "resume": "恢复",
        "edit": "修改", "escalate": "上报", "acknowledge a breach on": "确认超时", "reclassify": "重新分类",
        "response": "响应", "result": "结果", "acknowledge": "接单", "resolution": "修复",
        "met": "达标", "missed": "超时", "running": "计时中", "due_soon": "即将到期", "breached": "已超时",
        "done": "已完成", "verified": "已验证", "planned": "已计划", "held": "已举行",
        "patrol": "巡逻", "cleaning": "保洁", "watering": "浇水", "greening": "绿化",
        "meeting": "会议", "evaluation": "评估", "item": "事项",
        "monthly": "月度", "quarterly": "季度", "yearly": "年度", "month": "月", "quarter": "季度", "year": "年",
        "a string": "字符串", "a number": "数字", "a whole number": "整数", "true or false": "true 或 false",
        "a table": "表", "a list": "列表", "a list of strings": "字符串列表", "a number 0 or more": "不小于 0 的数字",
        "unset": "未设置", "passed": "通过", "failed": "未通过",
        "by its due date": "按期", "after its due date": "逾期",
        // What only a supervisor does ("only a supervisor can %w").
        "add or change staff": "添加或修改员工", "change sites or staff": "修改项目或员工", "close a month": "月度结账",
        "import another person's patrol scans": "导入他人的巡逻扫描", "import history": "导入历史记录", "load standards": "载入标准",
        "plan trainings": "安排培训", "produce reports (they carry everyone's appraisal)": "出报告（其中有每个人的考核）",
        "raise corrective actions": "提出整改措施", "record owner-representative meetings": "录入业主代表会议",
        "record the quarterly evaluation": "录入季度评估", "verify corrective actions": "验证整改措施",
    ]

    /// A piece of a template: text (in each of its spellings: "a" may read "an") or a hole.
    enum Token: Sendable {
        case text([String])
        case hole(Character)
    }

    struct Rule: Sendable {
        let tokens: [Token]
        /// The template's longest text, in every spelling: a clause without it cannot match.
        let fragment: String
        let zh: String
        let weight: Int
        /// Each part's placeholder: "%" (data), "w", "m", "k", "s" or "r".
        let parts: [Character]
    }

    /// The templates, most specific (most literal text) first. `%` is data, kept as it is;
    /// `%w` one of the product's words or a phrase of the dictionary; `%m` a message of its
    /// own; `%k` a kind, `%s` a status and `%r` a role, which also match only those words.
    static let rules: [Rule] = catalogue.map { en, zh in
        var runs = [""]
        var parts: [Character] = []
        var chars = Array(en)[...]
        while let ch = chars.first {
            chars = chars.dropFirst()
            guard ch == "%" else {
                runs[runs.count - 1].append(ch)
                continue
            }
            let kind = chars.first.flatMap { "wmksr".contains($0) ? $0 : nil } ?? "%"
            if kind != "%" { chars = chars.dropFirst() }
            parts.append(kind)
            runs.append("")
        }
        var tokens: [Token] = []
        for (i, run) in runs.enumerated() {
            // "a %" also reads "an %": an enquiry, an item.
            var spellings = [run]
            if i == 0, run.hasPrefix("a ") { spellings += spellings.map { "an " + $0.dropFirst(2) } }
            if i < parts.count, run.hasSuffix(" a ") {
                spellings += spellings.map { $0.dropLast(2) + "an " }
            }
            if !run.isEmpty { tokens.append(.text(spellings)) }
            if i < parts.count { tokens.append(.hole(parts[i])) }
        }
        // The text as a clause holds it whether it reads "a" or "an".
        let fragment =
            runs.map { r in
                var r = Substring(r)
                if r.hasPrefix("a ") { r = r.dropFirst(2) }
                if r.hasSuffix(" a ") { r = r.dropLast(2) }
                return String(r)
            }.max { $0.count < $1.count } ?? ""
        return Rule(tokens: tokens, fragment: fragment, zh: zh, weight: en.count - 2 * parts.count, parts: parts)
    }.sorted { $0.weight > $1.weight }

    static let statuses = [
        "received", "assigned", "responded", "acknowledged", "on_site", "resolved", "answered", "called_back", "closed",
        "void", "open", "done", "verified", "planned", "held",
    ]

    static let catalogue: [(String, String)] = [
        // Who and where.
        ("unknown site %", "没有项目 %1"),
        ("site % is not known", "没有项目 %1"),
        ("sites are: %", "现有项目：%1"),
        ("unknown staff member %", "没有员工 %1"),
        ("no staff member % on duty", "没有在岗员工 %1"),
        ("see '%'", "见 '%1'"),
        ("see %", "见 %1"),
        ("use '%'", "请用 '%1'"),
        ("use %", "请用 %1"),
        ("% is no longer active", "%1 已停用"),
        ("ask a supervisor", "请联系主管"),
        (
            "say who is acting: give --as STAFF or set WUYE_AS (see 'wuye staff list')",
            "请说明是谁在操作：加 --as 员工编号，或设置 WUYE_AS（见 'wuye staff list'）"
        ),
        ("a %r cannot %w a %k", "%1不能对%3执行“%2”"),
        ("the desk, a supervisor or the technician it is assigned to can", "客服、主管或被派单的维修工可以"),
        ("a technician, the desk or a supervisor can", "维修工、客服或主管可以"),
        ("the desk or a supervisor can", "客服或主管可以"),
        ("a guard or a supervisor can", "保安或主管可以"),
        ("a supervisor can", "主管可以"),
        ("a supervisor can read everyone's", "主管可以查看所有人的"),
        ("a supervisor can later", "之后主管可以撤销"),
        ("a %r cannot handle the intake queue", "%1不能处理留言队列"),
        ("a %r can read only their own appraisal (--staff %)", "%1只能查看自己的考核（--staff %2）"),
        ("a %r cannot patrol", "%1不能巡逻"),
        ("a %r cannot record surveys", "%1不能录入满意度调查"),
        ("a %r cannot tick %w duties", "%1不能勾选%2任务"),
        ("only a supervisor can %w", "只有主管可以%1"),
        ("only a supervisor or the trainer (%) can record %", "只有主管或培训讲师（%1）可以录入 %2"),
        ("% is a %k", "%1 是%2"),
        ("% is a %r", "%1 是%2"),
        ("% works at %", "%1 在 %2 工作"),
        ("% works at %, not at %", "%1 在 %2 工作，不在 %3"),
        ("the duties of % are done by its own staff or a supervisor", "%1 的任务由本项目员工或主管完成"),
        ("give the action to someone on duty", "请交给在岗的人"),
        ("assign to someone on duty", "请派给在岗的人"),
        ("escalate to someone on duty", "请上报给在岗的人"),
        ("escalate to someone else than yourself", "请上报给自己以外的人"),
        ("this store has staff already", "数据库中已有员工"),
        ("give --as SUPERVISOR to change its sites", "修改项目需加 --as 主管编号"),
        ("staff id '%' must be an ASCII slug such as desk-li", "员工编号 '%1' 须为 ASCII 短名，如 desk-li"),
        // Items and their steps.
        ("no item %", "没有事项 %1"),
        ("no such item", "没有这一事项"),
        ("'%' is not an item id", "'%1' 不是事项编号"),
        ("ids look like C-12, E-3 or R-40", "编号形如 C-12、E-3、R-40"),
        ("% is a %k, not a %k", "%1 是%2，不是%3"),
        ("% exists already", "%1 已存在"),
        ("% is %s", "%1 状态为“%2”"),
        ("% is %s already", "%1 已是“%2”"),
        ("%w is allowed only when it is %w", "只有状态为“%2”时才能%1"),
        ("the time given (%) is in the future", "所给时间（%1）在将来"),
        ("the time given is in the future", "所给时间在将来"),
        ("steps are recorded when they happen or after", "步骤只能在发生时或之后记录"),
        ("%'s previous step was at %", "%1 的上一步在 %2"),
        ("a step cannot be dated before it", "新的一步不能早于它"),
        ("rating must be 1–5, got %", "评分须为 1–5，收到的是 %1"),
        ("% is paused already (%)", "%1 已暂停（%2）"),
        ("resume it first", "请先恢复"),
        ("% is not paused", "%1 未暂停"),
        ("% is void already", "%1 已作废"),
        ("% is void", "%1 已作废"),
        ("it cannot be edited", "不能修改"),
        ("% has no breached clock", "%1 没有超时的时钟"),
        ("nothing to acknowledge", "无需确认"),
        ("nothing to escalate", "无需上报"),
        ("nothing to change", "没有需要修改的"),
        ("nothing to edit", "没有要修改的内容"),
        ("give a field such as --text, --unit or --emergency, and --reason", "请给出要修改的字段，如 --text、--unit 或 --emergency，并加 --reason"),
        ("%w needs a reason", "“%1”需要说明原因"),
        ("give --reason TEXT", "请加 --reason 原因"),
        ("give --note TEXT", "请加 --note 说明"),
        ("--% cannot be empty", "--%1 不能为空"),
        ("say what the owner reported", "请写明业主反映的内容"),
        ("give a unit such as 3-1802", "请给出房号，如 3-1802"),
        ("give a location id", "请给出公共区域编号"),
        ("give --unit U for a unit or --location L for a common area", "房屋请加 --unit 房号，公共区域请加 --location 区域编号"),
        ("give --unit or --location, not both", "--unit 和 --location 只能给一个"),
        ("an item needs a unit or a location", "事项需要房号或公共区域"),
        ("unit % is not a unit of %", "%1 不是 %2 的房号"),
        ("units look like %", "房号形如 %1"),
        ("location % is not a location of %", "%1 不是 %2 的公共区域"),
        ("known: % …", "已有：%1 …"),
        ("channel must be hotline, email, wechat or walk-in, got '%'", "渠道须为 hotline、email、wechat 或 walk-in，收到的是 '%1'"),
        ("% cannot be edited", "%1 不能修改"),
        ("edit text, category, unit, location, owner, phone or channel", "可修改 text、category、unit、location、owner、phone 或 channel"),
        ("%'s % is already '%'", "%1 的 %2 已是 '%3'"),
        ("% is % characters long", "%1 长 %2 个字"),
        ("at most %", "最多 %1 个"),
        ("at most % characters", "最多 %1 个字"),
        ("required", "必填"),
        ("'%' is not one of the choices", "“%1”不是可选项"),
        ("say whom to assign it to: a department or a person", "请说明派给谁：部门或个人"),
        ("% is not a department of %", "%1 不是 %2 的部门"),
        ("% is not in % (%)", "%1 不在 %2（%3）"),
        ("choose someone of that department", "请选择该部门的人"),
        ("% is neither a department of % (%) nor a staff member", "%1 既不是 %2 的部门（%3），也不是员工"),
        ("--person goes with --to DEPARTMENT", "--person 须与 --to 部门 同用"),
        ("--to % is a person already", "--to %1 已经是个人"),
        ("say what is being done about the breach", "请说明对超时正在采取的措施"),
        ("say why it is escalated", "请说明上报原因"),
        ("an enquiry is answered, not responded to", "咨询是答复，而不是响应"),
        ("an enquiry is answered, not resolved", "咨询是答复，而不是解决"),
        ("only a repair is acknowledged", "只有报修需要接单"),
        ("only an enquiry is answered", "只有咨询需要答复"),
        ("only a complaint gets a callback", "只有投诉需要回访"),
        ("only a complaint is simple or complex", "只有投诉分简单或复杂"),
        ("an enquiry is not routine or emergency", "咨询不分普通或紧急"),
        ("% is already classified that way", "%1 已是这一分类"),
        ("progress reports are for complex complaints", "进度报告只用于复杂投诉"),
        ("% is not complex (reclassify it with edit --complex)", "%1 不是复杂投诉（可用 edit --complex 重新分类）"),
        ("% has not been called back yet", "%1 尚未回访"),
        ("record the callback first, or a supervisor may close it without one", "请先录入回访，或由主管不经回访关闭"),
        ("an enquiry's answer clock never pauses", "咨询的答复时钟不能暂停"),
        (
            "% has no clock that can pause: response, acknowledge and answer clocks never pause, and a breached clock stays breached",
            "%1 没有可暂停的时钟：响应、接单和答复时钟不能暂停，已超时的时钟保持超时"
        ),
        ("give --emergency or --routine, not both", "--emergency 和 --routine 只能给一个"),
        ("give --complex or --simple, not both", "--complex 和 --simple 只能给一个"),
        ("costs are recorded on repairs", "费用只记在报修上"),
        ("% is not resolved", "%1 尚未解决"),
        ("a cost is recorded when it is resolved", "费用在解决时记录"),
        ("the cost of % must be a sum of 0 or more, got %", "%1 的费用须为不小于 0 的金额，收到的是 %2"),
        ("--cost is for repairs", "--cost 只用于报修"),
        ("a %k has no cost", "%1没有费用"),
        ("--cost takes MATERIALS[,LABOUR] as numbers, such as 120,80", "--cost 写作 材料费[,人工费]，如 120,80"),
        ("got '%'", "收到的是 '%1'"),
        ("% had not been recorded by %", "到 %2 时 %1 尚未登记"),
        ("the item vanished while it was written", "写入时事项不见了"),
        ("say what to look for: an id, a unit, a phone number or words", "请说明要找什么：编号、房号、电话或文字"),
        ("--limit must be 1–10000, got %", "--limit 须为 1–10000，收到的是 %1"),
        ("--limit %: give a number of items, 1 or more", "--limit %1：请给出事项数，至少 1"),
        ("--limit %: give a number of messages, 1 or more", "--limit %1：请给出留言数，至少 1"),
        ("--after pages the list as it is now", "--after 按当前列表翻页"),
        ("it cannot be given with --as-of", "不能与 --as-of 同用"),
        ("no item %, --after takes the last id of the page before", "没有事项 %1，--after 取上一页最后一个编号"),
        ("--after takes the last id of the page before", "--after 取上一页最后一个编号"),
        ("% is no longer open", "%1 已不再处理中"),
        // Times and periods.
        ("% '%' is not a time", "%1 '%2' 不是时间"),
        ("'%' is not a time", "'%1' 不是时间"),
        ("'%' is not a time (%m)", "'%1' 不是时间（%2）"),
        (
            "use 2026-11-29T14:05:00+08:00, 2026-11-29 14:05 or 14:05 (site time)",
            "请写 2026-11-29T14:05:00+08:00、2026-11-29 14:05 或 14:05（项目当地时间）"
        ),
        ("write 14:30, 2026-11-29 14:30 or 2026-11-29T14:30:00+08:00", "请写 14:30、2026-11-29 14:30 或 2026-11-29T14:30:00+08:00"),
        ("% is still to come", "%1 还没到"),
        ("looking back needs a moment past", "回看需要一个过去的时刻"),
        ("--as-of % is still to come", "--as-of %1 还没到"),
        ("it looks at the past (now is %)", "它查看的是过去（现在是 %1）"),
        ("--since % is still to come", "--since %1 还没到"),
        ("a handover looks back", "交接班回看的是过去"),
        ("--at % is before % was taken on (%)", "--at %1 早于 %2 接管的时间（%3）"),
        ("nothing is recorded there before then", "此前那里没有记录"),
        ("Older history is brought in with 'wuye import'", "更早的记录请用 'wuye import' 导入"),
        ("WUYE_NOW '%' is not a time", "WUYE_NOW '%1' 不是时间"),
        ("'%' is not a month", "'%1' 不是月份"),
        ("'%' is not a quarter", "'%1' 不是季度"),
        ("'%' is not a year", "'%1' 不是年份"),
        ("'%' is not a period", "'%1' 不是期间"),
        ("write --month 2026-11", "请写 --month 2026-11"),
        ("write --quarter 2026Q4", "请写 --quarter 2026Q4"),
        ("write --year 2026", "请写 --year 2026"),
        ("write --month 2026-11, --quarter 2026Q4 or --year 2026", "请写 --month 2026-11、--quarter 2026Q4 或 --year 2026"),
        ("give one of --month, --quarter or --year", "请给出 --month、--quarter 或 --year 之一"),
        ("a month is written YYYY-MM, such as 2026-11", "月份写作 YYYY-MM，如 2026-11"),
        ("a quarter is written YYYYQn, such as 2026Q4", "季度写作 YYYYQn，如 2026Q4"),
        ("--date '%' is not a day", "--date '%1' 不是日期"),
        ("--from '%' is not a day", "--from '%1' 不是日期"),
        ("--to '%' is not a day", "--to '%1' 不是日期"),
        ("write YYYY-MM-DD", "请写 YYYY-MM-DD"),
        ("write 2026-11-01", "请写 2026-11-01"),
        ("write 2026-11-30", "请写 2026-11-30"),
        ("--to % is before --from %", "--to %1 早于 --from %2"),
        ("the date must be YYYY-MM-DD", "日期须为 YYYY-MM-DD"),
        ("the due date must be still to come", "到期日须在将来"),
        ("it is in the future", "它在将来"),
        ("it is before opened_at", "它早于 opened_at"),
        ("% is not over yet", "%1 尚未结束"),
        ("a month is closed once it has ended at every site", "月份须在各项目都结束后才能结账"),
        ("% was closed on % by %", "%1 已于 %2 由 %3 结账"),
        ("% is closed for reporting (closed % by %)", "%1 已结账（%2 由 %3 结账）"),
        ("nothing can be back-dated or imported into it", "不能再补录或导入到这个月"),
        // Duties, patrols, training, management.
        ("'%' is not an occurrence id", "'%1' 不是任务编号"),
        (
            "they look like jinxiu/cleaning/bldg3-lobby/2026-11-29/1 (see wuye checklist)",
            "任务编号形如 jinxiu/cleaning/bldg3-lobby/2026-11-29/1（见 wuye checklist）"
        ),
        ("there is no duty %: no such location, window or day for %w at %", "没有任务 %1：%3 没有这个%2的地点、时段或日期"),
        ("say why the tick is taken back (a reason)", "请说明撤销勾选的原因"),
        ("only %, who ticked it, or a supervisor can take back the tick of %", "只有勾选者 %1 或主管可以撤销 %2 的勾选"),
        ("the tick of % can be taken back only on its day (%)", "%1 的勾选只能在当天（%2）撤销"),
        ("% has no tick to take back", "%1 没有可撤销的勾选"),
        ("% was done already by % at %", "%1 已由 %2 于 %3 完成"),
        ("% is not open yet", "%1 尚未开始"),
        ("its window opens at %", "时段 %1 开始"),
        ("% was missed: its day ended at % and it is closed for good", "%1 已错过：当天已于 %2 结束，不能再勾选"),
        ("a duty is ticked when it is done or after", "任务在完成时或之后勾选"),
        ("% is on % (%), but you are walking % (%) with % checkpoint% left", "%1 在 %2（%3）上，但你正在走 %4（%5），还剩 %6 个巡逻点"),
        ("finish it first", "请先走完"),
        ("% was already scanned in this round at % by %", "本轮 %1 已于 %2 由 %3 扫过"),
        ("no checkpoint has the code '%'", "没有巡逻点的编码是 '%1'"),
        ("scan the label at the checkpoint, or see wuye patrol rounds", "请扫描巡逻点上的标签，或见 wuye patrol rounds"),
        ("% has no round at that time (before the site's duties began)", "%1 在那时没有巡逻轮次（项目任务开始之前）"),
        ("the % round of % has ended", "%2 的 %1 轮已结束"),
        ("a round closes at its end", "轮次到点即关闭"),
        ("no route %", "没有路线 %1"),
        ("no route % at %", "%2 没有路线 %1"),
        ("routes: %", "现有路线：%1"),
        ("% is a route of %", "%1 是 %2 的路线"),
        ("say which with --site", "请用 --site 说明是哪个"),
        ("% has no checkpoints to label", "%1 没有需要标签的巡逻点"),
        ("the code % is too long for a QR code", "编码 %1 太长，放不进二维码"),
        ("shorten it in the site file", "请在项目文件中缩短它"),
        ("--topic cannot be empty", "--topic 不能为空"),
        ("no training %", "没有培训 %1"),
        ("% is planned already", "%1 已计划"),
        ("name at least one staff member who attended", "请至少写一名参加的员工"),
        ("score must be 0–100, got %", "分数须为 0–100，收到的是 %1"),
        ("% must be a number 0–100, got '%'", "%1 须为 0–100 的数字，收到的是 '%2'"),
        ("give the owner's score, 0–100", "请给出业主评分，0–100"),
        ("choose who attended", "请选择参加的人"),
        ("choose who you are", "请选择你是谁"),
        ("choose a site", "请选择项目"),
        ("choose a department or a person", "请选择部门或个人"),
        ("choose who it is escalated to", "请选择上报给谁"),
        ("say what is to be put right", "请说明要纠正什么"),
        ("the title is empty", "标题为空"),
        ("% is %'s", "%1 属于 %2"),
        ("its owner or a supervisor marks it done", "由负责人或主管标记完成"),
        ("% was raised after that time", "%1 是在那之后提出的"),
        ("% is not done yet", "%1 尚未完成"),
        ("its owner marks it done first", "须先由负责人标记完成"),
        ("% is verified already", "%1 已验证"),
        ("the meeting's time is still to come", "会议时间还没到"),
        ("record a meeting once it was held", "会议开过之后再录入"),
        ("name who attended (--attendees)", "请写出参加的人（--attendees）"),
        ("no meeting %", "没有会议 %1"),
        ("% was held at %, not %", "%1 在 %2 召开，不是 %3"),
        ("no evaluation %", "没有评估 %1"),
        ("say which %w it came from (--from-id)", "请说明来自哪个%1（--from-id）"),
        ("no corrective action %", "没有整改措施 %1"),
        ("write the findings (--finding TEXT, once each)", "请写出发现的问题（每条一个 --finding）"),
        ("% has its % evaluation already (%)", "%1 已有 %2 的评估（%3）"),
        ("add corrective actions to it", "请在其中添加整改措施"),
        // PINs.
        ("a PIN is 4 to 8 digits", "PIN 为 4 到 8 位数字"),
        ("only % or a supervisor can set %'s PIN", "只有 %1 本人或主管可以设置 %2 的 PIN"),
        ("% is locked after % wrong PINs", "%1 输错 %2 次 PIN，已锁定"),
        ("try again in % s", "请 %1 秒后再试"),
        ("% signs in with a PIN", "%1 需用 PIN 登录"),
        ("wrong PIN for %", "%1 的 PIN 不对"),
        ("the two PINs differ", "两次输入的 PIN 不一致"),
        ("no PIN was typed", "没有输入 PIN"),
        // Text.
        ("% contains %", "%1 含有 %2"),
        ("remove it (control characters cannot be stored)", "请删除（控制字符不能保存）"),
        // Files: site, standards, notify, theme, import.
        ("no [site] table", "缺少 [site] 表"),
        ("a site file starts with [site] and its id, name, kind, time_zone", "项目文件以 [site] 及其 id、name、kind、time_zone 开头"),
        ("site.id '%' must be an ASCII slug such as jinxiu", "site.id '%1' 须为 ASCII 短名，如 jinxiu"),
        ("site.kind must be residential, commercial or office, got '%'", "site.kind 须为 residential、commercial 或 office，收到的是 '%1'"),
        ("site.time_zone '%' is not an IANA zone such as Asia/Shanghai", "site.time_zone '%1' 不是 IANA 时区（如 Asia/Shanghai）"),
        ("a unit is listed twice", "有房号重复"),
        ("each unit number must be unique", "每个房号须唯一"),
        ("site.shifts holds '%'", "site.shifts 中有 '%1'"),
        ("give the times shifts begin as \"HH:MM\", e.g. [\"08:00\", \"20:00\"]", "请把各班开始时间写作 \"HH:MM\"，如 [\"08:00\", \"20:00\"]"),
        ("site.shifts must list each time a shift begins once, earliest first", "site.shifts 须按从早到晚列出各班开始时间，各一次"),
        ("location id '%' must be an ASCII slug", "公共区域编号 '%1' 须为 ASCII 短名"),
        ("location kind '%' is unknown", "公共区域类型 '%1' 未知"),
        ("route id '%' must be an ASCII slug", "路线编号 '%1' 须为 ASCII 短名"),
        ("checkpoint code '%' must be ASCII letters, digits and -", "巡逻点编码 '%1' 只能含 ASCII 字母、数字和 -"),
        ("checkpoint code % is used twice", "巡逻点编码 %1 重复"),
        ("checkpoint code % is already used on site %", "巡逻点编码 %1 已在项目 %2 使用"),
        ("codes must be unique", "编码须唯一"),
        ("route % has no checkpoints", "路线 %1 没有巡逻点"),
        ("add [[routes.checkpoints]] code = \"…\"", "请添加 [[routes.checkpoints]] code = \"…\""),
        ("location or route id % is used twice", "公共区域或路线编号 %1 重复"),
        ("department id '%' must be an ASCII slug such as engineering", "部门编号 '%1' 须为 ASCII 短名，如 engineering"),
        ("department % is listed twice", "部门 %1 重复"),
        ("role '%' is unknown", "角色 '%1' 未知"),
        ("use desk, guard, cleaner, technician or supervisor", "请用 desk、guard、cleaner、technician 或 supervisor"),
        ("department '%' is not a department of this site", "'%1' 不是本项目的部门"),
        ("staff % has no department of this site", "员工 %1 没有本项目的部门"),
        ("add department = \"…\" (%)", "请添加 department = \"…\"（%1）"),
        ("% sets nothing (no key = value outside comments)", "%1 没有设置任何值（注释之外没有 键 = 值）"),
        ("nothing was changed", "未做任何更改"),
        ("Nothing was changed", "未做任何更改"),
        ("nothing has been changed", "未做任何更改"),
        ("Start from 'wuye standards show --defaults'", "可从 'wuye standards show --defaults' 开始"),
        ("duties.watering.days: '%' is not a day", "duties.watering.days：'%1' 不是星期几"),
        ("use mon tue wed thu fri sat sun", "请用 mon tue wed thu fri sat sun"),
        (
            "satisfaction.callback_rating_scores must list 5 scores, for ratings 1 to 5",
            "satisfaction.callback_rating_scores 须列出 5 个分数，对应评分 1 到 5"
        ),
        ("satisfaction.callback_rating_scores must be numbers from 0 to 100", "satisfaction.callback_rating_scores 须为 0 到 100 的数字"),
        ("appraisal.weights must not all be 0", "appraisal.weights 不能全为 0"),
        ("%: '%' is not a window", "%1：'%2' 不是时段"),
        ("write HH:MM-HH:MM, e.g. \"07:00-09:00\"", "请写 HH:MM-HH:MM，如 \"07:00-09:00\""),
        ("% needs at least one window", "%1 至少需要一个时段"),
        ("% must be %w", "%1 须为%2"),
        ("% is missing", "缺少 %1"),
        ("add % = \"…\"", "请添加 %1 = \"…\""),
        ("unknown key %", "未知的键 %1"),
        ("see docs/configuration.md for the keys allowed", "可用的键见 docs/configuration.md"),
        ("every [[hooks]] needs a command", "每个 [[hooks]] 都需要 command"),
        ("unknown kind %", "未知的类别 %1"),
        ("kinds are %", "现有类别：%1"),
        ("every [[intake]] needs a maildir (the folder holding new/ and cur/)", "每个 [[intake]] 都需要 maildir（含 new/ 和 cur/ 的文件夹）"),
        ("addresses.% must be an e-mail address", "addresses.%1 须为电子邮件地址"),
        ("quiet_hours '%' is not HH:MM-HH:MM, e.g. \"22:00-07:00\"", "quiet_hours '%1' 不是 HH:MM-HH:MM，如 \"22:00-07:00\""),
        (
            "% delivers nothing: give [email] (sendmail) or [[hooks]], or [[intake]] to take in mail",
            "%1 什么也不发送：请设置 [email]（sendmail）或 [[hooks]]，或用 [[intake]] 收取邮件"
        ),
        ("no notify file at %", "%1 没有通知文件"),
        ("write one (see docs/alerts.md) or give --notify FILE", "请写一个（见 docs/alerts.md），或加 --notify 文件"),
        ("theme %: %m", "主题 %1：%2"),
        ("theme %: % must be a string such as \"red bold\"", "主题 %1：%2 须为字符串，如 \"red bold\""),
        ("theme %: '%' is not a style", "主题 %1：'%2' 不是样式"),
        ("write colours and attributes such as \"white on blue bold\"", "请写颜色和属性，如 \"white on blue bold\""),
        ("using the default theme", "改用默认主题"),
        ("cannot read the key map %", "无法读取按键映射 %1"),
        ("line %: a quoted field is not closed", "第 %1 行：引号字段没有闭合"),
        ("% is empty", "%1 是空的"),
        ("it needs a header row and rows", "需要表头行和数据行"),
        ("it needs a header row (code,time) and rows", "需要表头行（code,time）和数据行"),
        ("the header has no column '%'", "表头缺少列 '%1'"),
        ("required: %", "必需的列：%1"),
        ("the columns are code, time and optionally guard", "列为 code、time，可选 guard"),
        ("row %, column %: %m", "第 %1 行 %2 列：%3"),
        ("% has a header but no rows", "%1 只有表头，没有数据行"),
        ("'%' is not complaint, enquiry or repair", "'%1' 不是 complaint、enquiry 或 repair"),
        ("'%' is not a site of this store", "'%1' 不是本数据库的项目"),
        ("'%' is not hotline, email, wechat or walk-in", "'%1' 不是 hotline、email、wechat 或 walk-in"),
        ("'%' is not yes or no", "'%1' 不是 yes 或 no"),
        ("give a unit or a location", "请给出房号或公共区域"),
        ("% is not a unit of %", "%1 不是 %2 的房号"),
        ("% is not a location of %", "%1 不是 %2 的公共区域"),
        ("it is empty", "它是空的"),
        ("a complaint needs a category", "投诉需要类别"),
        ("cannot read %", "无法读取 %1"),
        ("check the path", "请检查路径"),
        ("% is not UTF-8 text", "%1 不是 UTF-8 文本"),
        ("save it as UTF-8", "请存为 UTF-8"),
        ("give --demo for the demo property or --site FILE for your own", "演示项目请加 --demo，自己的项目请加 --site 文件"),
        ("--dry-run goes with --site FILE alone", "--dry-run 只能与 --site 文件 同用"),
        ("--defaults, --file and --json exclude one another", "--defaults、--file 和 --json 互相排斥"),
        ("give one", "请只给一个"),
        ("give one of --json, --csv or --html", "请给出 --json、--csv 或 --html 之一"),
        ("--format csv writes one file per table: give --output FOLDER", "--format csv 每张表写一个文件：请加 --output 文件夹"),
        ("cannot make the folder %: %", "无法创建文件夹 %1：%2"),
        // The intake queue.
        ("no message % in the intake queue", "留言队列中没有 %1"),
        ("% was opened as % already", "%1 已受理为 %2"),
        ("% was discarded already (%)", "%1 已不予受理（%2）"),
        ("say why the message is discarded (--reason)", "请说明不予受理的原因（--reason）"),
        ("a message is opened as a new item", "留言只能受理为新事项"),
        ("--after % is not a message id", "--after %1 不是留言编号"),
        ("ids look like IN-3", "编号形如 IN-3"),
        ("% left in new/: %", "%1 留在 new/ 中：%2"),
        (
            "% is not a Maildir: it has no % folder (a Maildir holds tmp/, new/ and cur/)",
            "%1 不是 Maildir：缺少 %2 文件夹（Maildir 含 tmp/、new/ 和 cur/）"
        ),
        ("say which site the messages are for (%)", "请说明这些留言属于哪个项目（%1）"),
        ("say which site it is for (\"site\" in the line, or --site)", "请说明属于哪个项目（行中的 \"site\"，或 --site）"),
        ("% was taken in but cannot be moved to %: %", "%1 已收取，但无法移到 %2：%3"),
        ("it will not be taken again", "不会再次收取"),
        ("not a JSON object with text fields (%)", "不是含文本字段的 JSON 对象（%1）"),
        ("the message has no text (\"text\")", "留言没有正文（\"text\"）"),
        ("channel must be one of %, got %", "渠道须为 %1 之一，收到的是 %2"),
        ("date % is not a time (ISO 8601 with an offset, or YYYY-MM-DD HH:MM)", "日期 %1 不是时间（带时差的 ISO 8601，或 YYYY-MM-DD HH:MM）"),
        ("say who sent it (\"email\", \"phone\" or \"name\")", "请说明发件人（\"email\"、\"phone\" 或 \"name\"）"),
        ("not a mail message: it has no sender, no subject and no text", "不是邮件：没有发件人、主题和正文"),
        ("no lines on standard input", "标准输入没有内容"),
        ("give one JSON object per line", "请每行给一个 JSON 对象"),
        // The terminal.
        ("this terminal (TERM=%) cannot show the console", "这个终端（TERM=%1）无法显示控制台"),
        ("use a terminal such as xterm or tmux, or the wuye commands", "请用 xterm 或 tmux 等终端，或使用 wuye 命令"),
        ("the terminal type '%' is not known here", "这里不认识终端类型 '%1'"),
        ("set TERM to xterm-256color, or use the wuye commands", "请把 TERM 设为 xterm-256color，或使用 wuye 命令"),
        ("cannot make a pipe: %", "无法创建管道：%1"),
        // The store.
        ("the store is busy: another program has held it for more than 5 s", "数据库忙：另一个程序占用已超过 5 秒"),
        ("try again", "请稍后重试"),
        ("free disk space and try again", "请腾出磁盘空间后重试"),
        ("there is no Wuye store in %", "%1 中没有 Wuye 数据库"),
        ("run 'wuye init --demo' or 'wuye init --site FILE'", "请运行 'wuye init --demo' 或 'wuye init --site 文件'"),
        ("cannot create the data folder %: %", "无法创建数据文件夹 %1：%2"),
        ("cannot write %: the folder or the file is read-only", "无法写入 %1：文件夹或文件是只读的"),
        ("cannot write % (%)", "无法写入 %1（%2）"),
        ("cannot write %: %", "无法写入 %1：%2"),
        ("check the folder's permissions", "请检查文件夹权限"),
        ("check its permissions", "请检查它的权限"),
        ("the store file % has been removed", "数据库文件 %1 已被删除"),
        ("what is on screen is no longer live", "屏幕上的内容已不再实时"),
        ("the store file % has been replaced (a restore or a copy)", "数据库文件 %1 已被替换（恢复或复制）"),
        ("restart wuye to see it", "请重新启动 wuye 查看"),
        ("a newer Wuye has changed the store (schema %, this one reads %)", "更新版本的 Wuye 改动了数据库（结构版本 %1，本程序读 %2）"),
        ("the store at % was written by a newer Wuye (schema %, this one reads %)", "%1 的数据库由更新版本的 Wuye 写入（结构版本 %2，本程序读 %3）"),
        ("upgrade wuye", "请升级 wuye"),
        ("% is not a Wuye store (not an SQLite database, or damaged)", "%1 不是 Wuye 数据库（不是 SQLite 数据库，或已损坏）"),
        ("% is an SQLite database of another program, not a Wuye store", "%1 是其他程序的 SQLite 数据库，不是 Wuye 数据库"),
        ("restore a backup or use another --home", "请恢复备份，或换一个 --home"),
        ("use another --home", "请换一个 --home"),
        ("restore a backup (see docs/data-format.md)", "请恢复备份（见 docs/data-format.md）"),
        ("the store's companion file % is missing, and % alone holds nothing", "数据库的附属文件 %1 不见了，单有 %2 没有内容"),
        ("Put the companion file back beside it, or restore a backup ('wuye restore FILE')", "请把附属文件放回原处，或恢复备份（'wuye restore 文件'）"),
        ("the store at % is empty", "%1 的数据库是空的"),
        (
            "the store at % is read-only (read-only media, or a folder this user cannot write): it can be read, not changed",
            "%1 的数据库是只读的（只读介质，或当前用户不能写的文件夹）：可以读，不能改"
        ),
        ("% is damaged (%)", "%1 已损坏（%2）"),
        ("the store at % failed: %", "%1 的数据库出错：%2"),
        ("a stored row of % cannot be read: the store is damaged", "%1 中有一行无法读取：数据库已损坏"),
        ("Run 'wuye check', or restore a backup ('wuye restore FILE')", "请运行 'wuye check'，或恢复备份（'wuye restore 文件'）"),
        ("% is already in the journal, so it cannot be opened again", "%1 已在日志中，不能再次登记"),
        ("the store's id counter is damaged", "数据库的编号计数器已损坏"),
        ("Nothing was written", "未写入任何内容"),
        ("nothing was written", "未写入任何内容"),
        ("nothing was imported", "未导入任何内容"),
        ("the store is damaged (%)", "数据库已损坏（%1）"),
        ("Run 'wuye check' to see more, and restore a backup ('wuye restore FILE')", "请运行 'wuye check' 查看详情，并恢复备份（'wuye restore 文件'）"),
        ("event % of the journal cannot be read: the store is damaged", "日志第 %1 条无法读取：数据库已损坏"),
        ("Restore a backup ('wuye restore FILE'; see docs/data-format.md)", "请恢复备份（'wuye restore 文件'；见 docs/data-format.md）"),
        ("the journal has been tampered with or damaged: %", "日志被篡改或已损坏：%1"),
        ("Run 'wuye check' to see where, and restore a backup ('wuye restore FILE')", "请运行 'wuye check' 查看位置，并恢复备份（'wuye restore 文件'）"),
        ("the journal is damaged: an event cannot be read", "日志已损坏：有一条无法读取"),
        ("the row of % is damaged", "%1 的行已损坏"),
        ("an item row is damaged", "有一行事项已损坏"),
        ("run wuye check", "请运行 wuye check"),
        ("run 'wuye check'", "请运行 'wuye check'"),
        ("% has a store already", "%1 中已有数据库"),
        ("the demo goes into an empty data folder (use --home)", "演示数据须放在空的数据文件夹中（用 --home）"),
        ("cannot place the demo store in %: %", "无法在 %1 建立演示数据库：%2"),
        ("another Wuye (a console or a command) has the store open", "另一个 Wuye（控制台或命令）正在使用数据库"),
        ("close it, then restore", "请关闭它，再恢复"),
        ("cannot copy % into %: %", "无法把 %1 复制到 %2：%3"),
        ("say who is restoring: give --as SUPERVISOR", "请说明由谁恢复：加 --as 主管编号"),
        ("cannot keep the current store aside as %: %", "无法把当前数据库另存为 %1：%2"),
        ("cannot put the backup in place: %", "无法放入备份：%1"),
        ("% exists already", "%1 已存在"),
        ("choose a new file name so that no backup is overwritten", "请换一个文件名，以免覆盖备份"),
        ("cannot name the backup %: %", "无法命名备份 %1：%2"),
        ("this store has no site yet", "数据库中还没有项目"),
        ("cannot write the output (%)", "无法写出输出（%1）"),
        ("what was printed is incomplete", "已输出的内容不完整"),
        // Argument Parser's usage errors.
        ("Missing expected argument '%'", "缺少参数 '%1'"),
        ("Unknown option '%'", "未知选项 '%1'"),
        ("Unexpected argument '%'", "多余的参数 '%1'"),
        ("The value '%' is invalid for '%'", "'%1' 不是 '%2' 的有效值"),
        ("Missing value for '%'", "'%1' 缺少值"),
        ("The value '%' is invalid for '%': %", "'%1' 不是 '%2' 的有效值：%3"),
        ("The value '%' is invalid.", "'%1' 不是有效值。"),
        ("Please provide one of %.", "请给出 %1 之一"),
        ("Invalid option: %", "无效选项：%1"),
        ("Missing required subcommand.", "缺少子命令"),
        ("The option '%' does not take any value, but '%' was specified.", "选项 '%1' 不带值，但给了 '%2'"),
        ("% unexpected arguments: '%'", "%1 个多余的参数：'%2'"),
        ("Value to be set with % had already been set with %", "%1 要设置的值已由 %2 设置"),
        ("Missing one of: '%'", "缺少其中之一：'%1'"),
        // What was saved and found.
        ("saved: % is %s", "已保存：%1 状态为“%2”"),
        ("saved: % is %s (paused)", "已保存：%1 状态为“%2”（暂停中）"),
        ("%w clock %w (% to spare)", "%1时钟%2（提前 %3）"),
        ("%w clock %w (% to spare), back-dated", "%1时钟%2（提前 %3），补录"),
        ("%w clock %w (late by %)", "%1时钟%2（超时 %3）"),
        ("%w clock %w (late by %), back-dated", "%1时钟%2（超时 %3），补录"),
        ("%w clock started (%)", "%1时钟开始（时限 %2）"),
        ("% taken in", "收取 %1 封"),
        ("% taken before", "%1 封此前已收"),
        ("% unreadable", "%1 封无法读取"),
        ("% discarded", "%1 已不予受理"),
        ("saved: % breach acknowledged", "已保存：%1 超时已确认"),
        ("saved: % escalated to %", "已保存：%1 已上报给 %2"),
        ("saved: % items imported (% … %)", "已保存：导入 %1 个事项（%2 … %3）"),
        ("saved: site % (%), % units, % locations, % routes, % staff", "已保存：项目 %1（%2），%3 个房号，%4 个公共区域，%5 条路线，%6 名员工"),
        ("saved: % (%, %r)", "已保存：%1（%2，%3）"),
        ("saved: % is inactive", "已保存：%1 已停用"),
        ("saved: backup in %", "已保存：备份在 %1"),
        ("saved: % signs in without a PIN", "已保存：%1 登录不再需要 PIN"),
        ("saved: % signs in with the new PIN", "已保存：%1 用新 PIN 登录"),
        ("saved: %w report % in %", "已保存：%1报告 %2 在 %3"),
        ("saved: % tables of the %w report % in %: %", "已保存：%2报告 %3 的 %1 张表在 %4：%5"),
        ("saved: % has % attendees", "已保存：%1 有 %2 人参加"),
        ("saved: % %w % (%, pass mark %)", "已保存：%1 %3 %2（%4 分，及格线 %5）"),
        ("saved: standards '%' in force", "已保存：标准“%1”生效"),
        ("% value changed", "%1 项改动"),
        ("% values changed", "%1 项改动"),
        ("clocks already running keep their limits", "已在计时的时钟保持原时限"),
        ("saved: % done (%w)", "已保存：%1 已完成（%2）"),
        ("saved: % verified", "已保存：%1 已验证"),
        ("saved: % closed on % by %", "已保存：%1 已于 %2 由 %3 结账"),
        ("saved: % done at %", "已保存：%1 于 %2 完成"),
        ("repair % opened", "已开报修 %1"),
        ("saved: the tick of % is taken back", "已保存：%1 的勾选已撤销"),
        ("the duty is open again", "任务重新开放"),
        ("saved: % labels of % in %", "已保存：%2 的 %1 张标签在 %3"),
        ("saved: % scan imported in % round", "已保存：导入 %1 次扫描，共 %2 轮"),
        ("saved: % scans imported in % round", "已保存：导入 %1 次扫描，共 %2 轮"),
        ("saved: % scan imported in % rounds", "已保存：导入 %1 次扫描，共 %2 轮"),
        ("saved: % scans imported in % rounds", "已保存：导入 %1 次扫描，共 %2 轮"),
        ("saved: % in round %", "已保存：%1，第 %2 轮"),
        ("saved: % in round % (out of order)", "已保存：%1，第 %2 轮（顺序不对）"),
        ("dry run: nothing saved", "试运行：未保存"),
        ("built the demo property in %", "已在 %1 建立演示项目"),
        (
            "no data yet: built the demo property in % (use 'wuye init --site FILE' for your own)",
            "还没有数据：已在 %1 建立演示项目（自己的项目请用 'wuye init --site 文件'）"
        ),
        ("site %: no changes", "项目 %1：没有改动"),
        ("no value changes", "没有改动的值"),
        ("ok: % events, % items", "正常：%1 条日志，%2 个事项"),
        ("every row matches the journal", "每一行都与日志一致"),
        ("repaired: % differences", "已修复：%1 处不一致"),
        ("the rows were rebuilt from the journal and checked again", "已按日志重建各行并再次检查"),
        ("restored: %, % events, % items, checked", "已恢复：%1，%2 条日志，%3 个事项，已检查"),
        ("the store it replaced is kept as %", "被替换的数据库保存为 %1"),
        ("no breached or due-soon clocks", "没有超时或即将到期的时钟"),
        ("no breached or due-soon clocks at %", "%1 没有超时或即将到期的时钟"),
        ("nothing found for '%'", "没有找到 '%1'"),
        ("no open items", "没有处理中的事项"),
        ("nobody needs retraining", "没有人需要复训"),
        ("no meetings recorded", "没有会议记录"),
        ("no meetings recorded at %", "%1 没有会议记录"),
        ("no corrective actions", "没有整改措施"),
        ("no corrective actions open", "没有未完成的整改措施"),
        ("no corrective actions at %", "%1 没有整改措施"),
        ("no corrective actions open at %", "%1 没有未完成的整改措施"),
        ("no evaluations recorded", "没有评估记录"),
        ("no evaluations recorded at %", "%1 没有评估记录"),
        ("reading the store as it stood at % (the latest snapshot before it and the events since)", "正在读取 %1 时的数据（此前最近的快照及其后的事件）"),
        // The shared store (PostgreSQL).
        ("cannot set up TLS for %: %", "无法为 %1 建立 TLS 连接：%2"),
        ("the shared store at % is busy: another terminal has held it for more than %", "共享数据库 %1 忙：另一台终端占用已超过 %2"),
        ("the shared store at % refused the login: %", "共享数据库 %1 拒绝登录：%2"),
        ("check the user and password", "请检查用户名和密码"),
        ("the shared store at % did not answer in time", "共享数据库 %1 没有及时回应"),
        ("check the server and the network", "请检查服务器和网络"),
        ("A step sent just before may have been saved: look before doing it again", "刚才发出的操作可能已经保存：请先查看，再决定是否重做"),
        ("connect_timeout '%' is not a number of seconds", "connect_timeout '%1' 不是秒数"),
        ("give connect_timeout=5, for example", "例如 connect_timeout=5"),
        ("the shared store at % refused the connection: %", "共享数据库 %1 拒绝连接：%2"),
        (
            "check the user, and sslmode (a server that takes TLS only needs sslmode=verify-full)",
            "请检查用户名和 sslmode（只接受 TLS 的服务器需要 sslmode=verify-full）"
        ),
        (
            "cannot open a TLS connection to the shared store at % (%): the server's certificate is not one this machine trusts, or does not name the server",
            "无法与共享数据库 %1 建立 TLS 连接（%2）：本机不信任服务器的证书，或证书上的名称不是该服务器"
        ),
        ("install the company's certificate authority (see docs/deploying.md)", "请安装公司的证书颁发机构证书（见 docs/deploying.md）"),
        ("there is no database at %: %", "%1 没有这个数据库：%2"),
        ("create it first (see docs/deploying.md)", "请先创建它（见 docs/deploying.md）"),
        ("cannot reach the shared store at % (%)", "无法连接共享数据库 %1（%2）"),
        ("check that the server is running and the address is right", "请确认服务器在运行、地址正确"),
        ("the shared store at % failed: % (%)", "共享数据库 %1 出错：%2（%3）"),
        ("% holds another program's tables, not a Wuye store", "%1 中是其他程序的表，不是 Wuye 数据库"),
        ("give Wuye a database of its own (see docs/deploying.md)", "请给 Wuye 单独一个数据库（见 docs/deploying.md）"),
        ("the shared store at % was written by a newer Wuye (version %, this one reads %)", "共享数据库 %1 由更新版本的 Wuye 写入（版本 %2，本程序读 %3）"),
        ("there is no Wuye store at %", "%1 中没有 Wuye 数据库"),
        (
            "run 'wuye init --demo --store URL' or 'wuye init --site FILE --store URL'",
            "请运行 'wuye init --demo --store 地址' 或 'wuye init --site 文件 --store 地址'"
        ),
        ("an event of the shared store at % cannot be read (%)", "共享数据库 %1 中有一条事件无法读取（%2）"),
        (
            "the shared store at % holds these events already (another writer's, or an id opened twice)",
            "共享数据库 %1 已有这些事件（另一写入者的，或同一编号受理了两次）"
        ),
        ("Run 'wuye check'", "请运行 'wuye check'"),
        ("% holds a journal already", "%1 已有日志"),
        ("a store is copied into an empty database only", "只能复制到空的数据库"),
        ("Nothing was copied", "未复制任何内容"),
        ("% holds a store already", "%1 已有数据库"),
        ("copy into an empty data folder", "请复制到空的数据文件夹"),
        ("'%' is not a PostgreSQL address", "'%1' 不是 PostgreSQL 地址"),
        ("give postgres://USER@HOST[:PORT]/DATABASE", "请给出 postgres://用户@主机[:端口]/数据库"),
        ("sslmode '%' is not known", "不认识 sslmode '%1'"),
        ("give sslmode=verify-full or require (TLS), or sslmode=disable", "请用 sslmode=verify-full 或 require（TLS），或 sslmode=disable"),
        ("cannot put the old working copy % aside: %", "无法把旧的工作副本 %1 移到一旁：%2"),
        (
            "the shared store at % holds fewer events (%) than this machine's copy (%): it was restored or replaced",
            "共享数据库 %1 的事件（%2）比本机副本（%3）少：它被恢复或替换过"
        ),
        ("Restart wuye to take a fresh copy", "请重新启动 wuye 以取得新的副本"),
        ("event % has no hash", "事件 %1 没有哈希值"),
        ("the shared journal goes from event % to %: events are missing", "共享日志从事件 %1 跳到 %2：缺少事件"),
        ("event % of the shared journal names no item it can apply to", "共享日志的事件 %1 找不到可作用的事项"),
        ("--store '%' is not a store address", "--store '%1' 不是数据库地址"),
        ("this wuye was built without PostgreSQL, so it cannot open %", "这个 wuye 编译时没有 PostgreSQL，无法打开 %1"),
        (
            "build it with 'swift build -c release --traits PostgreSQL' (see docs/deploying.md)",
            "请用 'swift build -c release --traits PostgreSQL' 编译（见 docs/deploying.md）"
        ),
        (
            "% is a shared store: it is restored with the database's own tools (see docs/deploying.md), or a backup file is copied into an empty database with 'wuye store copy --to URL' from its folder",
            "%1 是共享数据库：用数据库自己的工具恢复（见 docs/deploying.md），或在备份文件所在文件夹用 'wuye store copy --to 地址' 复制到空数据库"
        ),
        ("copied: % events into %, every hash verified (% taken in)", "已复制：%1 条事件到 %2，每个哈希值都已核对（已读入 %3 条）"),
        ("copied: % events into %, every hash verified", "已复制：%1 条事件到 %2，每个哈希值都已核对"),
    ]
}
