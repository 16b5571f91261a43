import OneWindowCore
import OneWindowService
import OneWindowStore

/// What the person screens (OW10, OW12, OW13) share.
enum PersonKit {
    /// An employer's name for a code; the code itself when the employer is not registered.
    static func employerName(_ code: CreditCode, _ services: ServiceContext) throws -> String {
        (try? LookupService(services).employerRow(code).name) ?? code.value
    }

    /// The status of a period as a message key (active, or why it ended).
    static func statusKey(_ p: EnrolmentPeriod) -> String {
        "status.\(p.endReason?.rawValue ?? (p.isOpen ? "active" : "ended"))"
    }

    /// One table row at fixed widths: text clipped to whole characters, numbers aligned right.
    static func drawCells(_ canvas: inout Canvas, _ cells: [(String, Style)], widths: [Int], rightAligned: [Bool] = [],
                          gap: Int = 2, row: Int, col: Int) {
        var c = col
        for (i, width) in widths.enumerated() {
            let (raw, style) = i < cells.count ? cells[i] : ("", .normal)
            let text = DisplayWidth.prefix(raw, fitting: width)
            let pad = i < rightAligned.count && rightAligned[i] ? width - DisplayWidth.of(text) : 0
            canvas.put(text, row: row, col: c + pad, width: width - pad, style: style)
            c += width + gap
        }
    }

    /// "李娜  110105********0025  在职职工  天津某某科技有限公司": the person a form acts on.
    static func summary(_ v: PersonView, names: [String: String], _ ui: UIContext) -> String {
        var parts = [v.person.name, v.person.citizen.masked]
        if let cur = v.current {
            parts.append(ui.text(cur.category.messageKey))
            if let code = cur.employer { parts.append(names[code.value] ?? code.value) }
        } else {
            parts.append(ui.text("tui.person.notEnrolled"))
        }
        return parts.joined(separator: "  ")
    }
}
