/// How long an item's texts may be: the console's forms and the command line keep the
/// same limits, so what one accepts the other does too.
public enum TextLimits {
    public static let text = 500
    public static let category = 40
    public static let owner = 40
    public static let phone = 20
    public static let note = 500

    /// Refuses a text longer than its limit, naming the option.
    public static func check(_ value: String?, _ limit: Int, _ option: String) throws(WuyeError) {
        if let value, value.count > limit {
            throw .badInput("\(option) is \(value.count) characters long; at most \(limit)")
        }
    }
}
