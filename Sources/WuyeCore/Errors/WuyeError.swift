/// Every refusal or failure Wuye reports: what kind it is (which decides the exit status)
/// and one sentence that says what was wrong and what is allowed.
public struct WuyeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        /// A rule refused it: the item's state, the actor's role, a time out of order.
        case refused = 1
        /// Bad input: an unknown option or value, a malformed file.
        case badInput = 2
        /// An unknown id, site, staff member or code.
        case notFound = 3
        /// The store cannot be used: damaged, foreign, newer, busy.
        case storeUnusable = 4
        /// `wuye check` found a difference.
        case difference = 5
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func refused(_ m: String) -> WuyeError { WuyeError(.refused, m) }
    public static func badInput(_ m: String) -> WuyeError { WuyeError(.badInput, m) }
    public static func notFound(_ m: String) -> WuyeError { WuyeError(.notFound, m) }
    public static func storeUnusable(_ m: String) -> WuyeError { WuyeError(.storeUnusable, m) }
}
