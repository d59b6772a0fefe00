import WuyeConsole
import WuyeCore

/// The command line's messages in the user's language: Chinese under a Chinese locale
/// (`LANG=zh_CN.UTF-8`, as the console follows it), through `ChineseMessages`' catalogue.
/// JSON and the ids, times and values inside a message are never translated.
enum Messages {
    static let chinese: Bool = Strings.detect(nil) == .zh

    /// What to print for `message` in the user's language.
    static func say(_ message: String) -> String { chinese ? ChineseMessages.say(message) : message }
}
