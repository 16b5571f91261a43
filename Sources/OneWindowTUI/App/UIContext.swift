import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

/// What every screen shares: the language, the signed-on services, the message line.
public final class UIContext {
    public let strings: StringTable
    public let storePath: String
    public let trainingStore: Bool
    /// nil until sign-on.
    public var services: ServiceContext?
    public private(set) var message: (text: String, style: Style)?
    /// Draws the current frame with a busy note; installed by the application.
    var showBusy: () -> Void = {}

    public init(strings: StringTable, storePath: String, trainingStore: Bool) {
        self.strings = strings
        self.storePath = storePath
        self.trainingStore = trainingStore
    }

    public func text(_ m: Message) -> String { strings.render(m) }
    public func text(_ key: String, _ args: String...) -> String { strings.render(Message(key, args.map { .text($0) })) }

    public func say(_ m: Message) { message = (strings.render(m), .message) }
    public func say(_ key: String, _ args: String...) { say(Message(key, args.map { .text($0) })) }
    public func fail(_ m: Message) { message = (strings.render(m), .error) }
    public func clearMessage() { message = nil }

    /// Reports a thrown error on the message line in the user's language.
    public func fail(_ error: Error) {
        if let e = error as? UserFacingError { fail(e.message) } else { fail(Message("tui.unexpected", texts: "\(error)")) }
    }

    /// Runs a service call with the busy note shown first: the one way screens call a service. A
    /// user-facing error lands on the message line; a field error is first handed to `onField`, so a form
    /// can mark and focus that field, and what it returns ("field: reason") is said instead.
    @discardableResult
    public func run<T>(onField: ((FieldError) -> Message?)? = nil, _ work: () throws -> T) -> T? {
        let before = message
        showBusy()
        do {
            let result = try work()
            message = before  // the busy note goes; what was said before the call stays
            return result
        } catch {
            if let e = error as? FieldError, let said = onField?(e) { fail(said) } else { fail(error) }
            return nil
        }
    }

    /// The date before sign-on (tests and the training demo fix it); after sign-on the services' clock.
    public var clock = Clock()

    public var today: CalendarDate { services?.clock.today ?? clock.today }

    public var session: Session? { services?.session }
}
