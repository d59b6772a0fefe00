import Foundation
import WuyeConsole

/// The command line's messages in Chinese under a Chinese locale (`LANG=zh_CN.UTF-8`, as the
/// console follows it): each clause of a message (the parts between "; ") is matched
/// against the catalogue below and said in Chinese; a clause the catalogue does not know
/// stays as it is, so nothing a message says is ever lost. JSON and the ids, times and
/// values inside a message are never translated.
enum Messages {
    static let chinese: Bool = Strings.detect(nil) == .zh

    /// What to print for `message` in the user's language.
    static func say(_ message: String) -> String { chinese ? zh(message) : message }

    static func zh(_ message: String) -> String {
        message.components(separatedBy: "; ").map(clause).joined(separator: "；")
    }

    static func clause(_ c: String) -> String {
        let range = NSRange(c.startIndex..., in: c)
        for (re, template) in rules {
            guard let m = re.firstMatch(in: c, range: range) else { continue }
            var out = template
            for i in (1..<m.numberOfRanges).reversed() {
                let part = Range(m.range(at: i), in: c).map { String(c[$0]) } ?? ""
                out = out.replacingOccurrences(of: "$\(i)", with: words(part))
            }
            return out
        }
        return c
    }

    /// The product's words inside a captured part: roles, kinds, statuses, steps.
    static func words(_ s: String) -> String {
        if let w = dictionary[s] { return w }
        // "received or assigned", "desk, guard": each word said.
        for sep in [" or ", ", "] where s.contains(sep) {
            let parts = s.components(separatedBy: sep)
            if parts.allSatisfy({ dictionary[$0] != nil }) {
                return parts.map { dictionary[$0]! }.joined(separator: sep == " or " ? "或" : "、")
            }
        }
        return s
    }

    static let dictionary: [String: String] = [
        "desk": "客服", "guard": "保安", "cleaner": "保洁", "technician": "维修工", "supervisor": "主管",
        "complaint": "投诉", "enquiry": "咨询", "repair": "报修",
        "received": "已登记", "assigned": "已派单", "responded": "已响应", "acknowledged": "已接单", "on_site": "已到场",
        "resolved": "已解决", "answered": "已答复", "called_back": "已回访", "closed": "已关闭", "void": "已作废",
        "open": "登记", "assign": "派单", "respond": "响应", "ack": "接单", "progress": "报告进度", "resolve": "解决",
        "answer": "答复", "callback": "回访", "close": "关闭", "reopen": "重开", "pause": "暂停", "resume": "恢复",
        "edit": "修改", "escalate": "上报", "acknowledge a breach on": "确认超时",
        "response": "响应", "result": "结果", "acknowledge": "接单", "resolution": "修复",
        "met": "达标", "missed": "超时", "running": "计时中", "due_soon": "即将到期", "breached": "已超时",
    ]

    static let rules: [(NSRegularExpression, String)] = [
        // Who and where.
        (#"^unknown site (\S+)$"#, "没有项目 $1"),
        (#"^sites are: (.*)$"#, "现有项目：$1"),
        (#"^unknown staff member (\S+)$"#, "没有员工 $1"),
        (#"^see '(wuye [^']*)'$"#, "见 '$1'"),
        (#"^see (wuye .*)$"#, "见 $1"),
        (#"^(\S+) is no longer active$"#, "$1 已停用"),
        (#"^ask a supervisor$"#, "请联系主管"),
        (
            #"^say who is acting: give --as STAFF or set WUYE_AS \(see 'wuye staff list'\)$"#,
            "请说明是谁在操作：加 --as 员工编号，或设置 WUYE_AS（见 'wuye staff list'）"
        ),
        (#"^a (\S+) cannot (.+) an? (complaint|enquiry|repair)$"#, "$1不能对$3执行“$2”"),
        (#"^the desk, a supervisor or the technician it is assigned to can$"#, "客服、主管或被派单的维修工可以"),
        (#"^a technician, the desk or a supervisor can$"#, "维修工、客服或主管可以"),
        (#"^the desk or a supervisor can$"#, "客服或主管可以"),
        (#"^a supervisor can$"#, "主管可以"),
        (#"^a (\S+) cannot handle the intake queue$"#, "$1不能处理留言队列"),
        // Items and their steps.
        (#"^no item (\S+)$"#, "没有事项 $1"),
        (#"^no such item$"#, "没有这一事项"),
        (#"^'(.*)' is not an item id$"#, "'$1' 不是事项编号"),
        (#"^ids look like C-12, E-3 or R-40$"#, "编号形如 C-12、E-3、R-40"),
        (#"^(\S+) is a (complaint|enquiry|repair), not an? (complaint|enquiry|repair)$"#, "$1 是$2，不是$3"),
        (#"^use '(wuye .*)'$"#, "请用 '$1'"),
        (#"^(\S+) is (received|assigned|responded|acknowledged|on_site|resolved|answered|called_back|closed|void)$"#, "$1 状态为“$2”"),
        (#"^(.+) is allowed only when it is (.+)$"#, "只有状态为“$2”时才能$1"),
        (#"^the time given \((.+)\) is in the future$"#, "所给时间（$1）在将来"),
        (#"^steps are recorded when they happen or after$"#, "步骤只能在发生时或之后记录"),
        (#"^(\S+)'s previous step was at (.+)$"#, "$1 的上一步在 $2"),
        (#"^a step cannot be dated before it$"#, "新的一步不能早于它"),
        (#"^rating must be 1–5, got (.+)$"#, "评分须为 1–5，收到的是 $1"),
        (#"^(\S+) is paused already \((.*)\)$"#, "$1 已暂停（$2）"),
        (#"^resume it first$"#, "请先恢复"),
        (#"^(\S+) is not paused$"#, "$1 未暂停"),
        (#"^(\S+) is void already$"#, "$1 已作废"),
        (#"^(\S+) has no breached clock$"#, "$1 没有超时的时钟"),
        (#"^nothing to acknowledge$"#, "无需确认"),
        (#"^nothing to escalate$"#, "无需上报"),
        (#"^(.+) needs a reason$"#, "“$1”需要说明原因"),
        (#"^give --reason TEXT$"#, "请加 --reason 原因"),
        (#"^give --note TEXT$"#, "请加 --note 说明"),
        (#"^--text cannot be empty$"#, "--text 不能为空"),
        (#"^say what the owner reported$"#, "请写明业主反映的内容"),
        (#"^an item needs a unit or a location$"#, "事项需要房号或公共区域"),
        (#"^(\S+) is (\d+) characters long$"#, "$1 长 $2 个字"),
        (#"^at most (\d+)$"#, "最多 $1 个"),
        (#"^say whom to assign it to: a department or a person$"#, "请说明派给谁：部门或个人"),
        (#"^(\S+) works at (\S+), not at (\S+)$"#, "$1 在 $2 工作，不在 $3"),
        (#"^say what is being done about the breach$"#, "请说明对超时正在采取的措施"),
        (#"^say why it is escalated$"#, "请说明上报原因"),
        // Times.
        (#"^(--[a-z-]+) '(.*)' is not a time$"#, "$1 '$2' 不是时间"),
        (
            #"^use 2026-11-29T14:05:00\+08:00, 2026-11-29 14:05 or 14:05 \(site time\)$"#,
            "请写 2026-11-29T14:05:00+08:00、2026-11-29 14:05 或 14:05（项目当地时间）"
        ),
        (#"^'(.*)' is not a month$"#, "'$1' 不是月份"),
        (#"^write --month 2026-11$"#, "请写 --month 2026-11"),
        // The intake queue.
        (#"^no message (\S+) in the intake queue$"#, "留言队列中没有 $1"),
        (#"^(\S+) was opened as (\S+) already$"#, "$1 已受理为 $2"),
        (#"^(\S+) was discarded already \((.*)\)$"#, "$1 已不予受理（$2）"),
        (#"^say why the message is discarded \(--reason\)$"#, "请说明不予受理的原因（--reason）"),
        (#"^(.+) left in new/: (.+)$"#, "$1 留在 new/ 中：$2"),
        (
            #"^(.+) is not a Maildir: it has no (\S+) folder \(a Maildir holds tmp/, new/ and cur/\)$"#,
            "$1 不是 Maildir：缺少 $2 文件夹（Maildir 含 tmp/、new/ 和 cur/）"
        ),
        (#"^say which site the messages are for \(--site\)$"#, "请说明这些留言属于哪个项目（--site）"),
        // The store.
        (#"^the store is busy: another program has held it for more than 5 s$"#, "数据库忙：另一个程序占用已超过 5 秒"),
        (#"^try again$"#, "请稍后重试"),
        (#"^there is no Wuye store in (.+)$"#, "$1 中没有 Wuye 数据库"),
        (#"^run 'wuye init --demo' or 'wuye init --site FILE'$"#, "请运行 'wuye init --demo' 或 'wuye init --site 文件'"),
        (#"^cannot write the output \((.+)\)$"#, "无法写出输出（$1）"),
        (#"^what was printed is incomplete$"#, "已输出的内容不完整"),
        (#"^nothing was written$"#, "未写入任何内容"),
        (#"^nothing was imported$"#, "未导入任何内容"),
        // Argument Parser's usage errors.
        (#"^Missing expected argument '(.+)'$"#, "缺少参数 '$1'"),
        (#"^Unknown option '(.+)'$"#, "未知选项 '$1'"),
        (#"^Unexpected argument '(.+)'$"#, "多余的参数 '$1'"),
        (#"^The value '(.+)' is invalid for '(.+)'$"#, "'$1' 不是 '$2' 的有效值"),
        (#"^Missing value for '(.+)'$"#, "'$1' 缺少值"),
        // What was saved.
        (#"^saved: (\S+) is (\S+)( \(paused\))?$"#, "已保存：$1 状态为“$2”$3"),
        (#"^(\S+) clock (met|missed) \((.+) to spare\)(, back-dated)?$"#, "$1时钟$2（提前 $3）$4"),
        (#"^(\S+) clock (met|missed) \(late by (.+)\)(, back-dated)?$"#, "$1时钟$2（超时 $3）$4"),
        (#"^(\S+) clock started \((.+)\)$"#, "$1时钟开始（时限 $2）"),
        (#"^(\d+) taken in$"#, "收取 $1 封"),
        (#"^(\d+) taken before$"#, "$1 封此前已收"),
        (#"^(\d+) unreadable$"#, "$1 封无法读取"),
    ].compactMap { rule in (try? NSRegularExpression(pattern: rule.0)).map { ($0, rule.1) } }
}
