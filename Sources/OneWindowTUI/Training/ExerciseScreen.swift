import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW81 one exercise: the goal with this sandbox's people filled in, F6 to go and do it at the counter
/// (a home screen opens above this one; F3 comes back), F5 when done: the sandbox is checked, each point
/// is shown right or wrong, and the attempt counts towards the trainee's score. F2 shows the hint.
public final class ExerciseScreen: Screen {
    public let screenID = "OW81"
    public let title = Message("tui.exercise.title.one")
    let exercise: Exercise
    let number: Int
    let count: Int
    let factory: ScreenFactory
    var member: CastMember?
    var standing: ExerciseService.Board.Row?
    var outcome: ExerciseService.Outcome?
    /// For a task answered in words: where the trainee types the answer.
    var answer: Form?
    /// F2 shows the hint under the goal (an instructor's hint may be longer than the message line).
    var showHint = false
    /// The verdict and its findings: F7/F8 page them when they do not fit under the goal.
    var result = ScrollText()

    public init(ui: UIContext, exercise: Exercise, number: Int, of count: Int, factory: ScreenFactory) {
        self.exercise = exercise
        self.number = number
        self.count = count
        self.factory = factory
        if exercise.check.needsAnswer {
            answer = Form([FormField(id: "answer", label: ui.text("tui.exercise.answer"), width: 50, limit: 60)])
        }
    }

    public func didAppear(_ ui: UIContext) { reload(ui) }

    func reload(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let exercise = self.exercise
        let loaded = ui.run { () throws -> (CastMember?, ExerciseService.Board.Row?) in
            let service = ExerciseService(services)
            return (try service.cast()[exercise.setup], try service.board([exercise]).rows.first)
        }
        if let loaded { (member, standing) = loaded }
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        [KeyHint("F6", ui.text("tui.exercise.key.go")), KeyHint("F5", ui.text("tui.exercise.key.check")),
         KeyHint("F2", ui.text("tui.exercise.key.hint"))]
            + (result.overflows ? [KeyHint("F7/F8", ui.text("tui.key.page"))] : []) + [KeyHint("F3", ui.text("tui.key.back"))]
    }

    public func helpFields(_ ui: UIContext) -> [HelpField] { answer?.helpFields(ui) { "tui.exercise.help.\($0)" } ?? [] }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        let right = area.col + area.cols
        let heading = ui.text("tui.exercise.heading", "\(number)", "\(count)", ExerciseListScreen.localized(exercise.title, ui))
        let tag = ui.text("tui.exercise.tag", ui.text(ExerciseListScreen.roleKey(exercise.role)), "\(exercise.points)")
        canvas.put(heading, row: row, col: area.col, width: area.cols - DisplayWidth.of(tag) - 2, style: .heading)
        canvas.put(tag, row: row, col: right - DisplayWidth.of(tag), style: .label)
        row += 2
        canvas.put(ui.text("tui.exercise.goal"), row: row, col: area.col, style: .label)
        row += 1
        let goal = Exercise.fill(ExerciseListScreen.localized(exercise.goal, ui), member?.placeholders ?? [:])
        let goalLines = ScrollText.paragraphs(member == nil ? ui.text("tui.exercise.noCast") : goal, width: area.cols - 2)
        for line in goalLines.prefix(6) {
            canvas.put(line, row: row, col: area.col + 2, width: area.cols - 2, style: member == nil ? .error : .normal)
            row += 1
        }
        if showHint {
            let hint = ui.text("tui.exercise.hint", ExerciseListScreen.localized(exercise.hint, ui))
            for line in ScrollText.paragraphs(hint, width: area.cols - 2).prefix(3) {
                canvas.put(line, row: row, col: area.col + 2, width: area.cols - 2, style: .warning)
                row += 1
            }
        }
        row += 1
        if let session = ui.session, session.role != exercise.role {
            canvas.put(ui.text("tui.exercise.otherAccount", ui.text(ExerciseListScreen.roleKey(exercise.role))),
                       row: row, col: area.col, width: area.cols, style: .warning)
            row += 1
        }
        canvas.put(ui.text("tui.exercise.howto"), row: row, col: area.col, width: area.cols, style: .dim)
        row += 2
        var caret: Point?
        if answer != nil {
            caret = answer!.draw(&canvas, area: Rect(row: row, col: area.col, rows: 1, cols: area.cols), strings: ui.text)
            row += 2
        }

        guard outcome != nil else {
            if let s = standing, s.attempts > 0 {
                canvas.put(ui.text(s.passed ? "tui.exercise.before.passed" : "tui.exercise.before.failed", "\(s.attempts)"),
                           row: row, col: area.col, width: area.cols, style: s.passed ? .ok : .warning)
            }
            return caret
        }
        result.draw(&canvas, area: Rect(row: row, col: area.col, rows: max(1, area.row + area.rows - row), cols: area.cols),
                    indicator: ClaimKit.pageIndicator(ui))
        return caret
    }

    /// The verdict, then each finding ✓ or ✗, wrapped under its mark.
    static func lines(_ outcome: ExerciseService.Outcome, points: Int, ui: UIContext) -> [ScrollText.Line] {
        let verdict = !outcome.counted
            ? ui.text("tui.exercise.recheck", "\(points)", "\(outcome.board.attempts)")
            : outcome.passed
            ? ui.text("tui.exercise.passed", "\(points)", "\(outcome.board.attempts)")
            : ui.text("tui.exercise.failed", "\(outcome.board.attempts)")
        let style: Style = !outcome.counted ? .warning : outcome.passed ? .ok : .error
        return [ScrollText.Line(verdict, style: style)] + outcome.findings.map { finding in
            ScrollText.Line((finding.ok ? "✓ " : "✗ ") + ui.text(finding.message), style: finding.ok ? .ok : .error,
                            indent: 2, hanging: 2)
        }
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .function(2):
            showHint.toggle()
            return .stay
        case .function(6):
            // Do the task on the real screens; F3 from that home comes back here.
            ui.say("tui.exercise.going")
            return .push(ExerciseHome(ui: ui, factory: factory))
        case .function(5):
            guard let services = ui.services else { return .stay }
            let exercise = self.exercise
            let typed = answer?["answer"]
            guard let result = ui.run({ try ExerciseService(services).check(exercise, answer: typed) }) else { return .stay }
            outcome = result
            standing = result.board
            self.result.set(Self.lines(result, points: exercise.points, ui: ui))
            return .stay
        case .function(7), .function(8), .pageUp, .pageDown:
            return result.overflows && result.handle(key) ? .stay : .unhandled
        default:
            guard answer != nil else { return .unhandled }
            return answer!.handle(key, ui: ui) ? .stay : .unhandled
        }
    }
}
