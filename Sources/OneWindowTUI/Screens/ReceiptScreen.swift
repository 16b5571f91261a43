import Foundation
import OneWindowCore
import OneWindowService

/// OW32 the receipt (受理回执) of one visit: shown as it prints (ClaimText.receipt, marked TRAINING — NOT
/// VALID on a training store), then where each claim stands now (decision, payment, the bank's reason for
/// a failed one). F6 prints it to a text file named by the receipt number in `folder`.
public final class ReceiptScreen: Screen {
    public let screenID = "OW32"
    public let title = Message("tui.claim.title.receipt")
    let number: ReceiptNumber
    let folder: URL
    var view: ReceiptView?
    var text = ScrollText()
    /// Where F6 last wrote the receipt, said under it.
    var printedTo: String?

    /// `folder`: where F6 writes; `defaultFolder` is a `receipts` folder beside the store.
    public init(ui: UIContext, number: ReceiptNumber, folder: URL) {
        self.number = number
        self.folder = folder
    }

    /// `receipts/` next to the store file, so printed receipts stay with the office's data. The store's own
    /// path, not the label the screen shows (a test's label is a bare file name: papers went to the working folder).
    public static func defaultFolder(_ ui: UIContext) -> URL { Printout.folder(storePath: ui.services?.store.path ?? ui.storePath) }

    public func didAppear(_ ui: UIContext) { load(ui) }

    func load(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let number = self.number
        guard let v = ui.run({ try ClaimLookup(services).receiptView(number) }) else { return }
        view = v
        text.set(lines(v, ui))
        printedTo = nil
    }

    /// The receipt's own lines, styled (the TRAINING marks, the title, the sample note), then the progress.
    func lines(_ v: ReceiptView, _ ui: UIContext) -> [ScrollText.Line] {
        let training = ui.text("out.receipt.training"), sample = ui.text("out.receipt.sample"), heading = ui.text("out.receipt.title")
        var out = ClaimText.receipt(v, ui.strings).split(separator: "\n", omittingEmptySubsequences: false).map { raw -> ScrollText.Line in
            let line = String(raw)
            let style: Style = line == training ? .training : line == heading ? .heading : line == sample ? .warning : .normal
            // A numbered item ("  1. …") wraps under its text, not under its number.
            let indent = line.prefix { $0 == " " }.count
            let text = String(line.dropFirst(indent))
            let number = text.prefix { $0.isASCII && $0.isNumber }
            let hanging = !number.isEmpty && text.dropFirst(number.count).hasPrefix(". ") ? number.count + 2 : 0
            return ScrollText.Line(text, style: style, indent: indent, hanging: hanging)
        }
        out.append(ScrollText.Line(""))
        out.append(ScrollText.Line(ui.text("tui.claim.progress"), style: .heading))
        for c in v.claims {
            var parts = [ui.text(c.claim.kind.messageKey), ui.text(c.claim.status.messageKey)]
            if let by = c.claim.decidedBy, let on = c.claim.decidedOn { parts.append(ui.text("tui.claim.decided", by, on)) }
            let payment = ClaimKit.paymentText(c, ui)
            if !payment.isEmpty { parts.append(ui.text("tui.claim.payment", payment)) }
            let failed = c.latestPayment?.status == .failed
            out.append(ScrollText.Line(parts.joined(separator: ui.text("out.list.sep")), style: failed ? .error : .normal, indent: 2))
            if let reason = c.claim.rejectReason {
                out.append(ScrollText.Line(ui.text("tui.claim.rejected", ui.text(reason.messageKey), c.claim.note ?? ""), style: .error, indent: 4))
            } else if let note = c.claim.note {
                out.append(ScrollText.Line(ui.text("tui.claim.note", note), style: .warning, indent: 4))
            }
            if failed, let p = c.latestPayment {
                out.append(ScrollText.Line(ui.text("tui.claim.failure", p.failure ?? ""), style: .error, indent: 4))
            }
        }
        if let printedTo { out.append(ScrollText.Line(ui.text("tui.claim.printedTo", printedTo), style: .ok)) }
        return out
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints: [KeyHint] = []
        if view != nil { hints.append(KeyHint("F6", ui.text("tui.claim.key.print"))) }
        if text.overflows { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        text.draw(&canvas, area: area, indicator: ClaimKit.pageIndicator(ui))
        return nil
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if key == .function(6) {
            printReceipt(ui)
            return .stay
        }
        return text.handle(key) ? .stay : .unhandled
    }

    /// The file a receipt prints to: its number, marked on a training store so it is never mistaken
    /// for (or overwrites) a real one.
    func file(_ v: ReceiptView) -> URL { Printout.file(v.receipt.receiptNo.value, training: v.training, in: folder) }

    func printReceipt(_ ui: UIContext) {
        guard let v = view else { return }
        let url = file(v)
        do {
            try Printout.write(ClaimText.receipt(v, ui.strings), name: v.receipt.receiptNo.value, training: v.training, in: folder)
            ui.say("tui.claim.printed", url.path)
            // Also below the receipt, whole: a long path would not fit the message line.
            printedTo = url.path
            text.update(lines(v, ui))
        } catch {
            ui.fail(Message("tui.claim.printFailed", texts: url.path, error.localizedDescription))
        }
    }
}
