import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowTUI

/// The fund overview as a printable page of at most 80 columns: the amounts as a table, then the
/// figures and warnings as sentences wrapped by display width under a hanging indent.
enum FundPage {
    static let width = 80

    static func lines(_ rows: [FundText.Row], heading: String, _ s: StringTable) -> [String] {
        let amounts = rows.filter { [.section, .line, .total, .rate].contains($0.kind) }
        var lines = [heading, ""]
        lines += Output.tableLines([s("col.fund.item"), s("col.fund.month"), s("col.fund.ytd")],
                                   amounts.map { [$0.kind == .line ? "  " + $0.label : $0.label, $0.month, $0.yearToDate] },
                                   rightAligned: [1, 2])
        lines.append("")
        for r in rows where r.kind == .figure || r.kind == .warning {
            let text = r.yearToDate.isEmpty ? r.month : r.month + s("out.fund.semicolon") + r.yearToDate
            lines += Output.hanging((r.kind == .warning ? "! " : "") + r.label + s("out.fund.colon"), text, width: width)
        }
        return lines
    }
}
