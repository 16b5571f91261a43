import Foundation
import OneWindowCore
import OneWindowService

/// OW30 the first step of a claim at the counter: which benefit (the allowance, the medical costs, or the
/// birth bundle 出生一件事), then the materials checklist for it. Only what the system cannot look up is
/// asked for; the clerk ticks each item (Space) as the applicant hands it over, and Enter goes on to the
/// event form (OW31), which replaces this screen. In estimate mode ("what would I get?") the list only
/// says what to bring when she claims: nothing is ticked and nothing will be filed.
public final class ClaimTypeScreen: Screen {
    public let screenID = "OW30"
    let id: CitizenID
    let estimate: Bool
    let factory: ScreenFactory
    let person: String?
    var type = ClaimType.allowance
    var ticked: Set<Material> = []
    /// The highlighted row: the claim types first, then (when claiming) the materials.
    var cursor = 0
    /// Where F6 last wrote the one-time notification, said under the checklist (a path may not fit the message line).
    var noticePrintedTo: String?
    /// Where F6 prints; nil: the receipts folder beside the store (`ReceiptScreen.defaultFolder`).
    public var noticeFolder: URL?

    public init(ui: UIContext, id: CitizenID, estimate: Bool, factory: ScreenFactory) {
        self.id = id
        self.estimate = estimate
        self.factory = factory
        person = ClaimKit.personLine(id, ui)
    }

    public var title: Message { Message(estimate ? "tui.claim.title.estimate" : "tui.claim.title.type") }

    public func help(_ ui: UIContext) -> Message { Message(estimate ? "help.OW30.estimate" : "help.OW30") }

    var rowCount: Int { ClaimType.allCases.count + (estimate ? 0 : type.materials.count) }

    /// The material under the cursor, if the cursor is on the checklist.
    var cursorMaterial: Material? {
        let i = cursor - ClaimType.allCases.count
        return !estimate && type.materials.indices.contains(i) ? type.materials[i] : nil
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints = [KeyHint("↑↓", ui.text("tui.claim.key.choose"))]
        if !estimate { hints.append(KeyHint(ui.text("tui.claim.key.space"), ui.text("tui.claim.key.tick"))) }
        if !missing.isEmpty { hints.append(KeyHint("F6", ui.text("tui.claim.key.notice"))) }
        hints.append(KeyHint("Enter", ui.text("tui.claim.key.continue")))
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        // No wrapping: one ↓ too many after the last material must not land on a claim type.
        case .up, .backTab:
            cursor = max(0, cursor - 1)
        case .down, .tab:
            cursor = min(rowCount - 1, cursor + 1)
        case .char(let c) where c.isASCII && c.isNumber:
            guard let n = c.wholeNumberValue, (1...ClaimType.allCases.count).contains(n) else { return .stay }
            pick(ClaimType.allCases[n - 1])
        case .char(" "):
            if let m = cursorMaterial {
                if ticked.contains(m) { ticked.remove(m) } else { ticked.insert(m) }
            } else if cursor < ClaimType.allCases.count {
                pick(ClaimType.allCases[cursor])
            }
        case .enter:
            return proceed(ui)
        case .function(6) where !missing.isEmpty:
            printNotice(ui)
        default:
            return .unhandled
        }
        return .stay
    }

    /// Picks a claim type; when claiming, the cursor goes on to its first material, ready for Space.
    func pick(_ t: ClaimType) {
        type = t
        cursor = estimate ? ClaimType.allCases.firstIndex(of: t)! : ClaimType.allCases.count
    }

    /// Enter on a claim type picks it; then, once every material is ticked, the form.
    func proceed(_ ui: UIContext) -> Navigation {
        if cursor < ClaimType.allCases.count { pick(ClaimType.allCases[cursor]) }
        if !estimate, let missing = type.materials.firstIndex(where: { !ticked.contains($0) }) {
            cursor = ClaimType.allCases.count + missing
            ui.fail(Message("tui.claim.materialMissing"))
            return .stay
        }
        return .replace(ClaimFormScreen(ui: ui, id: id, type: type, estimate: estimate, factory: factory))
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        if let person {
            canvas.put(ui.text("tui.claim.applicant", person), row: row, col: area.col, width: area.cols, style: .heading)
        }
        row += 2
        canvas.put(ui.text("tui.claim.typeHeading"), row: row, col: area.col, width: area.cols, style: .heading)
        row += 1
        for (i, t) in ClaimType.allCases.enumerated() {
            let mark = t == type ? "(*)" : "( )"
            line(&canvas, "\(mark) \(i + 1) \(ui.text(t.labelKey))", row: row, area: area, selected: cursor == i)
            row += 1
        }
        row += 1
        canvas.put(ui.text(estimate ? "tui.claim.materialsToBring" : "tui.claim.materialsHeading"), row: row, col: area.col,
                   width: area.cols, style: .heading)
        row += 1
        for (i, m) in type.materials.enumerated() {
            let mark = estimate ? "-" : ticked.contains(m) ? "[x]" : "[ ]"
            line(&canvas, "\(mark) \(ui.text(m.labelKey))", row: row, area: area,
                 selected: !estimate && cursor == ClaimType.allCases.count + i)
            row += 1
        }
        row += 1
        for piece in ScrollText.wrap(ui.text(type.onFileKey), width: area.cols) {
            canvas.put(piece, row: row, col: area.col, width: area.cols, style: .dim)
            row += 1
        }
        if let noticePrintedTo {
            row += 1
            for piece in ScrollText.wrap(ui.text("tui.claim.notice.printedTo", noticePrintedTo), width: area.cols) {
                canvas.put(piece, row: row, col: area.col, width: area.cols, style: .ok)
                row += 1
            }
        }
        if estimate {
            row += 1
            for piece in ScrollText.wrap(ui.text("tui.claim.estimateNote"), width: area.cols) {
                canvas.put(piece, row: row, col: area.col, width: area.cols, style: .warning)
                row += 1
            }
        }
        return nil
    }

    /// The materials of the chosen type not ticked yet (none in estimate mode: nothing is handed over).
    var missing: Set<Material> { estimate ? [] : Set(type.materials.filter { !ticked.contains($0) }) }

    /// F6: the one-time notification (一次性告知书) of every missing item, printed as receipts are, so the
    /// applicant comes back once with all of them.
    func printNotice(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let (id, type, missing) = (self.id, self.type, self.missing)
        guard let notice = ui.run({ try ClaimLookup(services).notice(for: id, type: type, missing: missing) }) else { return }
        let folder = noticeFolder ?? ReceiptScreen.defaultFolder(ui)
        do {
            let url = try NoticeText.print(notice, ui.strings, folder: folder)
            ui.say("tui.claim.notice.printed", url.path)
            noticePrintedTo = url.path
        } catch {
            let url = Printout.file(notice.fileName, training: notice.training, in: folder)
            ui.fail(Message("tui.claim.printFailed", texts: url.path, error.localizedDescription))
        }
    }

    /// One pickable row, indented, the cursor's row highlighted across the area.
    func line(_ canvas: inout Canvas, _ text: String, row: Int, area: Rect, selected: Bool) {
        if selected { canvas.fill(row: row, col: area.col, width: area.cols, style: .selected) }
        canvas.put(text, row: row, col: area.col + 2, width: area.cols - 2, style: selected ? .selected : .normal)
    }
}
