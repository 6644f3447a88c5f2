import Foundation

/// Writes a `ContractDiff` as text for a terminal or as Markdown for a
/// pull-request comment. Empty sections are left out.
public enum DiffReport {
    public static func text(_ diff: ContractDiff) -> String {
        var lines = ["Comparing \(diff.old.label) with \(diff.new.label)"]
        guard !diff.isEmpty else {
            lines.append("No changes: both versions allow the same connections, state the same invariants and generate the same policy objects.")
            return lines.joined(separator: "\n") + "\n"
        }

        func section(_ title: String, _ entries: [String]) {
            guard !entries.isEmpty else { return }
            lines.append("")
            lines.append("\(title) (\(entries.count)):")
            lines += entries.map { "  " + $0 }
        }
        section("Connections added", diff.addedConnections.map { "+ \($0.source) -> \($0.destination) on \($0.ports)" })
        section("Connections removed", diff.removedConnections.map { "- \($0.source) -> \($0.destination) on \($0.ports)" })
        section("Invariants added", diff.addedInvariants.map { "+ \($0.text)  (\($0.location))" })
        section("Invariants removed", diff.removedInvariants.map { "- \($0.text)  (\($0.location))" })
        section("Policy objects", diff.objects.map { object in
            let marker: String
            switch object.change {
            case .added: marker = "+"
            case .removed: marker = "-"
            case .changed: marker = "~"
            }
            let origins = object.origins.isEmpty ? "" : "  (" + object.origins.joined(separator: "; ") + ")"
            return "\(marker) \(object.object) \(object.change.rawValue)\(origins)"
        })
        lines.append("")
        lines.append(summary(diff))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ diff: ContractDiff) -> String {
        var lines = ["## ramp diff", ""]
        guard !diff.isEmpty else {
            lines.append("Comparing `\(diff.old.label)` with `\(diff.new.label)`: no changes. Both versions allow the same connections, state the same invariants and generate the same policy objects.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Comparing `\(diff.old.label)` with `\(diff.new.label)`: \(summary(diff, emphasizeAdded: true))")

        func connections(_ title: String, _ changes: [ContractDiff.ConnectionChange]) {
            guard !changes.isEmpty else { return }
            lines += ["", "### \(title)", "", "| Source | Destination | Ports |", "| --- | --- | --- |"]
            lines += changes.map { "| \(code($0.source)) | \(code($0.destination)) | \(cell($0.ports)) |" }
        }
        func invariants(_ title: String, _ changes: [ContractDiff.InvariantChange]) {
            guard !changes.isEmpty else { return }
            lines += ["", "### \(title)", ""]
            lines += changes.map { "- \(code($0.text)) (\(cell($0.location)))" }
        }
        connections("Connections added", diff.addedConnections)
        connections("Connections removed", diff.removedConnections)
        invariants("Invariants added", diff.addedInvariants)
        invariants("Invariants removed", diff.removedInvariants)
        if !diff.objects.isEmpty {
            lines += ["", "### Policy objects", "", "| Object | Change | Contract |", "| --- | --- | --- |"]
            lines += diff.objects.map { "| \(code($0.object)) | \($0.change.rawValue) | \(cell($0.origins.joined(separator: "; "))) |" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Returns a line such as `1 connection added, 0 removed, 1 invariant added, 0 removed, 2 policy objects changed`.
    static func summary(_ diff: ContractDiff, emphasizeAdded: Bool = false) -> String {
        var added = count(diff.addedConnections.count, "connection") + " added"
        if emphasizeAdded && !diff.addedConnections.isEmpty { added = "**\(added)**" }
        return [
            added, "\(diff.removedConnections.count) removed",
            count(diff.addedInvariants.count, "invariant") + " added", "\(diff.removedInvariants.count) removed",
            count(diff.objects.count, "policy object") + " changed",
        ].joined(separator: ", ")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// Returns the text as inline code that a table cell can hold.
    private static func code(_ text: String) -> String {
        "`" + text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
