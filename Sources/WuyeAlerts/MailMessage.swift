import CMailParse
import Foundation
import WuyeCore

/// One e-mail message as the desk needs it, read by GMime (see CMailParse): sender,
/// subject, date and text in UTF-8 whatever the charset and transfer encoding it came in,
/// and the attachments listed by name, type and size (never stored).
public struct MailMessage: Sendable, Equatable {
    public var messageID: String?
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String?
    public var date: Instant?
    public var text: String
    public var headers: String
    public var attachments: [IntakeAttachment]

    /// Parses a whole message; throws `badInput` with the reason when it is not one.
    public static func parse(_ data: Data) throws(WuyeError) -> MailMessage {
        var m = wuye_mail()
        defer { wuye_mail_free(&m) }
        let rc = data.withUnsafeBytes { raw in
            wuye_mail_parse(raw.bindMemory(to: CChar.self).baseAddress, raw.count, &m)
        }
        func s(_ p: UnsafeMutablePointer<CChar>?) -> String? {
            guard let p else { return nil }
            let v = String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)), as: UTF8.self)
            return v.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : v
        }
        if rc != 0 { throw .badInput(s(m.error) ?? "not a mail message") }
        var text = s(m.text) ?? ""
        if m.text_is_html != 0 { text = HTMLText.plain(text) }
        let attachments = (s(m.attachments) ?? "").split(separator: "\n").map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return IntakeAttachment(name: f[0], type: f.count > 1 ? f[1] : "", bytes: f.count > 2 ? Int64(f[2]) ?? 0 : 0)
        }
        let msg = MailMessage(
            messageID: s(m.message_id), fromAddress: s(m.from_addr), fromName: s(m.from_name), subject: s(m.subject),
            date: m.has_date != 0 ? Instant(seconds: m.date) : nil, text: MailText.tidy(text), headers: s(m.headers) ?? "",
            attachments: attachments)
        if msg.fromAddress == nil && msg.subject == nil && msg.text.isEmpty {
            throw .badInput("not a mail message: it has no sender, no subject and no text")
        }
        return msg
    }
}

/// The text of an HTML-only message, for a person to read: markup dropped, paragraphs
/// and line breaks kept, the common entities decoded.
enum HTMLText {
    static func plain(_ html: String) -> String {
        var s = html
        for pattern in ["(?is)<(script|style|head)[^>]*>.*?</\\1>", "(?s)<!--.*?-->"] {
            s = s.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        s = s.replacingOccurrences(of: "(?i)<br\\s*/?>|</p>|</div>|</tr>|</li>|</h[1-6]>", with: "\n", options: .regularExpression)
        s = s.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        for (entity, char) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        return s
    }
}

enum MailText {
    /// Line ends made plain, trailing spaces and runs of blank lines dropped.
    static func tidy(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "[ \\t]+$", with: "", options: .regularExpression) }
        var out: [String] = []
        for l in lines where !(l.isEmpty && (out.last?.isEmpty ?? true)) { out.append(l) }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }
}
