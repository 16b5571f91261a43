import OneWindowCore
import OneWindowService

// SKELETON: to be replaced by the real screen (issue 3).
public final class EnrolScreen: Screen {
    public let screenID = "OW11"
    public let title = Message("tui.title.enrol")
    let factory: ScreenFactory

    public init(ui: UIContext, prefill: CitizenID?, factory: ScreenFactory) {
        self.factory = factory
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] { [KeyHint("F3", ui.text("tui.key.back"))] }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? { nil }

    public func handle(_ key: Key, ui: UIContext) -> Navigation { .unhandled }
}
