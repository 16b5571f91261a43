import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

/// OW80 the exercises (one per file in `Resources/exercises/`), with the signed-on trainee's standing on
/// each and the score; Enter opens one.
public final class ExerciseListScreen: Screen {
    public let screenID = "OW80"
    public let title = Message("tui.exercise.title.list")
    let factory: ScreenFactory
    var exercises: [Exercise] = []
    var board: ExerciseService.Board?
    var hasCast = false
    /// Why nothing can be shown (a broken exercise file, a store without the cast).
    var problem: Message?
    var table = Table(columns: [])

    public init(ui: UIContext, factory: ScreenFactory) {
        self.factory = factory
        table = Table(columns: [Table.Column(ui.text("tui.exercise.col.number"), alignRight: true),
                                Table.Column(ui.text("tui.exercise.col.title")), Table.Column(ui.text("tui.exercise.col.role")),
                                Table.Column(ui.text("tui.exercise.col.points"), alignRight: true),
                                Table.Column(ui.text("tui.exercise.col.status")),
                                Table.Column(ui.text("tui.exercise.col.attempts"), alignRight: true)])
    }

    public func didAppear(_ ui: UIContext) { reload(ui) }

    func reload(_ ui: UIContext) {
        guard let services = ui.services else { return }
        do {
            exercises = try BundledFiles.exercises()
        } catch let e as UserFacingError {
            problem = e.message
            return
        } catch {
            problem = Message("tui.unexpected", texts: "\(error)")
            return
        }
        let loaded = ui.run { () throws -> (ExerciseService.Board, Bool) in
            let service = ExerciseService(services)
            return (try service.board(exercises), !(try service.cast().isEmpty))
        }
        guard let (board, hasCast) = loaded else { return }
        self.board = board
        self.hasCast = hasCast
        problem = hasCast ? nil : Message("tui.exercise.noCast")
        table.setRows(board.rows.enumerated().map { i, row in
            [String(i + 1), Self.localized(row.exercise.title, ui), ui.text(Self.roleKey(row.exercise.role)),
             String(row.exercise.points), ui.text(Self.statusKey(row)), String(row.attempts)]
        })
    }

    /// An exercise's own text (it carries both languages) in the counter's language.
    static func localized(_ text: LocalizedName, _ ui: UIContext) -> String {
        ui.strings.language == .zh ? text.zh : text.en
    }

    static func roleKey(_ role: Role) -> String { "tui.exercise.role.\(role.rawValue)" }

    static func statusKey(_ row: ExerciseService.Board.Row) -> String {
        row.passed ? "tui.exercise.status.passed" : row.attempts > 0 ? "tui.exercise.status.failed" : "tui.exercise.status.open"
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        [KeyHint("↑↓", ui.text("tui.exercise.key.choose")), KeyHint("Enter", ui.text("tui.key.open")),
         KeyHint("F3", ui.text("tui.key.back"))]
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        if let board, let session = ui.session {
            let who = ui.text("tui.header.operator", session.operatorName, ui.text(session.role.messageKey))
            canvas.put(ui.text("tui.exercise.score", who, "\(board.earned)", "\(board.possible)"),
                       row: row, col: area.col, width: area.cols, style: .heading)
        }
        row += 2
        if let problem {
            for line in ScrollText.paragraphs(ui.text(problem), width: area.cols) {
                canvas.put(line, row: row, col: area.col, width: area.cols, style: .error)
                row += 1
            }
            return nil
        }
        table.draw(&canvas, area: Rect(row: row, col: area.col, rows: min(table.rows.count + 1, area.rows - 6), cols: area.cols),
                   focused: true)
        row += min(table.rows.count + 1, area.rows - 6) + 1
        for line in ScrollText.paragraphs(ui.text("tui.exercise.listGuide"), width: area.cols) {
            canvas.put(line, row: row, col: area.col, width: area.cols, style: .dim)
            row += 1
        }
        return nil
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        guard problem == nil, let board else { return .unhandled }
        if key == .enter {
            // Only the highlighted exercise, and only while it is on screen.
            guard let i = table.selectedIfVisible, board.rows.indices.contains(i) else { return .stay }
            return .push(ExerciseScreen(ui: ui, exercise: board.rows[i].exercise, number: i + 1, of: board.rows.count, factory: factory))
        }
        return table.handle(key) ? .stay : .unhandled
    }
}
