/// `onewindow --store S employer register …`: the options every command takes may come before the subcommand
/// too. The argument parser only reads them after it (a leading one fell to the default terminal command and
/// failed with "Unknown option"), so they are moved to the end of the arguments, before a `--` if there is one.
enum LeadingOptions {
    static let names: Set<String> = ["--store", "--operator", "--lang"]

    static func moved(_ args: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if names.contains(a), i + 1 < args.count {
                leading += [a, args[i + 1]]
                i += 2
            } else if let eq = a.firstIndex(of: "="), names.contains(String(a[..<eq])) {
                leading.append(a)
                i += 1
            } else {
                break
            }
        }
        // Only in front of a subcommand: alone (`onewindow --lang en`) they already reach the default command.
        guard !leading.isEmpty, i < args.count, !args[i].hasPrefix("-") else { return args }
        var rest = Array(args[i...])
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: end)
        return rest
    }
}
