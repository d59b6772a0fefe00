import Foundation
import Testing

@testable import WuyeCore

/// Under a Chinese locale every message the product says (refusals, bad input, the store's
/// failures, what was saved) is said in Chinese: each message written in the sources is
/// found here and each of its clauses must have a template in `ChineseMessages`.
@Suite("Messages in Chinese")
struct ChineseMessageTests {
    @Test func clausesAreSaidAndTheirDataKept() {
        #expect(ChineseMessages.say("no item C-99") == "没有事项 C-99")
        #expect(
            ChineseMessages.say("C-1 is closed; respond is allowed only when it is received or assigned")
                == "C-1 状态为“已关闭”；只有状态为“已登记或已派单”时才能响应")
        #expect(
            ChineseMessages.say("a guard cannot acknowledge a breach on a repair; a supervisor can")
                == "保安不能对报修执行“确认超时”；主管可以")
        #expect(ChineseMessages.say("a desk cannot respond an enquiry") == "客服不能对咨询执行“响应”")
        // A sentence after ". " and a "file: line:" prefix, kept as they are.
        #expect(
            ChineseMessages.say(
                "x.toml sets nothing (no key = value outside comments); nothing was changed. Start from 'wuye standards show --defaults'")
                == "x.toml 没有设置任何值（注释之外没有 键 = 值）；未做任何更改。可从 'wuye standards show --defaults' 开始")
        #expect(ChineseMessages.say("site.toml:3:1: unknown key site.colour") == "site.toml:3:1: 未知的键 site.colour")
        // "; " inside brackets does not end a clause.
        #expect(
            ChineseMessages.say(
                "event 7 of the journal cannot be read: the store is damaged. Restore a backup ('wuye restore FILE'; see docs/data-format.md)"
            )
                == "日志第 7 条无法读取：数据库已损坏。请恢复备份（'wuye restore 文件'；见 docs/data-format.md）")
        // What the catalogue does not know is left whole; a Chinese message is left alone.
        #expect(ChineseMessages.say("the moon is made of cheese") == "the moon is made of cheese")
        #expect(ChineseMessages.say("已保存") == "已保存")
        // Data is kept as it is, even where it reads like one of the product's words; the
        // words a template marks are said.
        #expect(ChineseMessages.say("C-1 is paused already (done)") == "C-1 已暂停（done）")
        #expect(ChineseMessages.say("response clock met (1 h to spare)") == "响应时钟达标（提前 1 h）")
        #expect(ChineseMessages.say("only a supervisor can import history; desk-li is a desk") == "只有主管可以导入历史记录；desk-li 是客服")
        // "% is %s" reads statuses only: it does not turn any "x is y" into a status.
        #expect(!ChineseMessages.knows("the sky is blue"))
    }

    /// Each template reads its own sentence (so the literal text it is looked
    /// for by is in that sentence), with "an" for "a" before a vowel's word as well.
    @Test func everyTemplateReadsItsOwnSentence() {
        for (en, _) in ChineseMessages.catalogue {
            var sentence = en
            for (mark, sample) in [
                ("%k", "enquiry"), ("%s", "received"), ("%r", "guard"), ("%w", "open"), ("%m", "no item C-1"), ("%", "x9"),
            ] {
                sentence = sentence.replacingOccurrences(of: mark, with: sample)
            }
            #expect(ChineseMessages.knows(sentence), "\(en)")
        }
    }

    @Test func everyMessageInTheSourcesHasATemplate() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && !$0.path.contains("wuye-bench") && !$0.path.hasSuffix("ChineseMessages.swift") }
        #expect(files.count > 100)
        var messages = 0
        var unknown: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (line, message) in MessageLiterals.find(in: text) {
                messages += 1
                // WUYE_SHOW_MESSAGES=1 prints each message beside its Chinese, for review.
                if ProcessInfo.processInfo.environment["WUYE_SHOW_MESSAGES"] != nil {
                    print("\(message)\n  → \(ChineseMessages.say(message))")
                }
                for (clause, _) in ChineseMessages.clauses(message) {
                    // A clause that is only data ("X1: X1") says nothing to translate.
                    var words = clause.replacingOccurrences(of: "X1", with: "")
                    words.removeAll { !$0.isLetter }
                    if words.isEmpty { continue }
                    if !ChineseMessages.knows(clause) {
                        unknown.append("\(file.lastPathComponent):\(line): \(clause)")
                    }
                }
            }
        }
        #expect(messages > 300, "the sources' messages were not found (\(messages))")
        // The states a step is allowed in (ItemDecider's `refuse("…")`), each said whole.
        let decider = try String(contentsOf: sources.appendingPathComponent("WuyeCore/Items/ItemDecider.swift"), encoding: .utf8)
        let states = decider.components(separatedBy: "refuse(\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(states.count > 10)
        for st in Set(states) {
            let said = ChineseMessages.say("C-1 is received; close is allowed only when it is \(st)")
            if said.contains(where: { $0.isASCII && $0.isLetter && $0 != "C" }) { unknown.append("ItemDecider: \(st) → \(said)") }
        }
        #expect(unknown.isEmpty, "no Chinese for:\n\(unknown.joined(separator: "\n"))")
    }
}

/// The messages written in Swift sources: the string literal given to a `WuyeError`
/// (`.refused("…")`, `.badInput(…)`, …), an import row's reason, and what the command
/// line says (`Output.said`, `Output.warn`, `Output.note`, an item command's `said:`),
/// with each interpolation filled by a sample of its kind; and the "; …" clauses that
/// an interpolation adds.
enum MessageLiterals {
    static let openers = [
        ".refused(", ".badInput(", ".notFound(", ".storeUnusable(", "WuyeError(.refused,", "WuyeError(.badInput,",
        "WuyeError(.notFound,", "WuyeError(.storeUnusable,", "WuyeError(.difference,", "Output.said(clear ?", "Output.said(",
        "Output.warn(", "Output.note(", "said: {", "bad(",
    ].map { Array($0.unicodeScalars) }

    static func find(in text: String) -> [(Int, String)] {
        let chars = Array(text.unicodeScalars)
        var found: [(Int, String)] = []
        var line = 1
        var i = 0
        func skipSpace(_ j: inout Int) {
            while j < chars.count, chars[j] == " " || chars[j] == "\n" || chars[j] == "," || chars[j] == ":" { j += 1 }
        }
        while i < chars.count {
            if chars[i] == "\n" { line += 1 }
            guard
                let o = openers.first(where: { o in i + o.count <= chars.count && chars[i] == o[0] && Array(chars[i..<i + o.count]) == o })
            else {
                i += 1
                continue
            }
            var j = i + o.count
            skipSpace(&j)
            guard j < chars.count, chars[j] == "\"" else {
                i += 1
                continue
            }
            // An import row's reason is the second literal of bad("column", "…").
            if o == openers.last! {
                j = literal(chars, from: j + 1).1
                skipSpace(&j)
                guard j < chars.count, chars[j] == "\"" else {
                    i = j
                    continue
                }
            }
            let (message, end) = literal(chars, from: j + 1)
            found.append((line, message.text))
            for extra in message.nested where extra.hasPrefix("; ") { found.append((line, String(extra.dropFirst(2)))) }
            // The other branch of a said(clear ? "…" : "…").
            var k = end
            skipSpace(&k)
            if o == Array("Output.said(clear ?".unicodeScalars), k < chars.count, chars[k] == "\"" {
                found.append((line, literal(chars, from: k + 1).0.text))
            }
            line += chars[i..<end].filter { $0 == "\n" }.count
            i = end
        }
        return found
    }

    /// The literal that starts after its opening quote at `from`, with each interpolation
    /// filled by a sample; and the literals written inside the interpolations.
    static func literal(_ s: [Unicode.Scalar], from: Int) -> ((text: String, nested: [String]), Int) {
        var out = ""
        var nested: [String] = []
        var i = from
        while i < s.count {
            let c = s[i]
            if c == "\"" { return ((out, nested), i + 1) }
            if c == "\\", i + 1 < s.count {
                let n = s[i + 1]
                if n == "(" {
                    var depth = 1
                    var j = i + 2
                    var expr = ""
                    while j < s.count {
                        if s[j] == "\"" {
                            let (inner, after) = literal(s, from: j + 1)
                            nested.append(inner.text)
                            nested += inner.nested
                            expr += "\"\""
                            j = after
                            continue
                        }
                        if s[j] == "(" { depth += 1 }
                        if s[j] == ")" {
                            depth -= 1
                            if depth == 0 { break }
                        }
                        expr.unicodeScalars.append(s[j])
                        j += 1
                    }
                    out += sample(expr)
                    i = j + 1
                    continue
                }
                out += n == "n" ? "\n" : String(n)
                i += 2
                continue
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return ((out, nested), i)
    }

    /// A value of the kind an interpolation says: a kind, a status, a role, a step; else "X1".
    static func sample(_ expr: String) -> String {
        // An optional part (`site.map { " at …" } ?? ""`, a plural's "s"): left out.
        if expr.hasSuffix("?? \"\"") || expr.contains("? \"\" :") || expr.hasSuffix(": \"\"") { return "" }
        if expr.hasSuffix("kind.rawValue") && !expr.contains("c.kind") { return "complaint" }
        if expr.contains("role") { return "guard" }
        if expr.contains("status") || expr == "s.rawValue" { return "received" }
        if expr == "allowedIn" { return "received or assigned" }
        if expr.hasSuffix("verb") { return "respond" }
        if expr.contains("allowedRoles") { return "" }
        return "X1"
    }
}
