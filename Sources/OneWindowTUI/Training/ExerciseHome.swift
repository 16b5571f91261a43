import OneWindowCore

/// The home screen F6 opens above an exercise: the ordinary home in every respect, except that F3 goes
/// back to the exercise, so its key bar says so (the root home has nowhere to go back to).
final class ExerciseHome: Screen {
    let home: HomeScreen

    init(ui: UIContext, factory: ScreenFactory) { home = HomeScreen(ui: ui, factory: factory) }

    var screenID: String { home.screenID }
    var title: Message { home.title }
    var hasUnsavedInput: Bool { home.hasUnsavedInput }

    func keyHints(_ ui: UIContext) -> [KeyHint] {
        home.keyHints(ui) + [KeyHint("F3", ui.text("tui.exercise.key.back"))]
    }

    func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? { home.draw(&canvas, area: area, ui: ui) }
    func handle(_ key: Key, ui: UIContext) -> Navigation { home.handle(key, ui: ui) }
    var about: Message { home.about }
    func help(_ ui: UIContext) -> Message { home.help(ui) }
    func helpFields(_ ui: UIContext) -> [HelpField] { home.helpFields(ui) }
    func didAppear(_ ui: UIContext) { home.didAppear(ui) }
}
