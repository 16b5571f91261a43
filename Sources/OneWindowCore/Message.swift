/// A user-facing text, named by a key into the string tables in `Resources/strings/`.
/// Core stays free of I/O and of any language: it only names what to say.
public struct Message: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Arg: Sendable, Equatable, Codable {
        /// Shown as is (a number, an ID, a month).
        case text(String)
        /// Translated before it is inserted (a field name, a category, a nested reason).
        case message(Message)
        /// A name kept in both languages (a region's): shown in the reader's.
        case name(LocalizedName)
    }

    public let key: String
    public let args: [Arg]

    public init(_ key: String, _ args: [Arg] = []) {
        self.key = key
        self.args = args
    }

    public init(_ key: String, texts: String...) {
        self.init(key, texts.map { .text($0) })
    }

    public var description: String {
        if args.isEmpty { return key }
        let shown = args.map { arg -> String in
            switch arg {
            case .text(let t): t
            case .message(let m): m.description
            case .name(let n): n.zh
            }
        }
        return key + "(" + shown.joined(separator: ", ") + ")"
    }
}

/// Every error a user can see carries a `Message`; the CLI and TUI render it in the chosen language.
public protocol UserFacingError: Error, Sendable {
    var message: Message { get }
}

/// A bad value in one named input field: rendered as "field: reason".
public struct FieldError: UserFacingError, Equatable {
    public let field: Field
    public let reason: Message

    public init(_ field: Field, _ reason: Message) {
        self.field = field
        self.reason = reason
    }

    public init(_ field: Field, _ reasonKey: String, texts: String...) {
        self.init(field, Message(reasonKey, texts.map { .text($0) }))
    }

    public var message: Message {
        Message("error.field", [.message(Message(field.messageKey)), .message(reason)])
    }
}

/// A refused operation that is not about one field (state, role, missing record).
public struct DomainError: UserFacingError, Equatable {
    public let message: Message
    public init(_ message: Message) { self.message = message }
    public init(_ key: String, texts: String...) { self.message = Message(key, texts.map { .text($0) }) }
}
