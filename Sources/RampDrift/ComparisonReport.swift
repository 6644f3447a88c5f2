import RampKube
import RampSema
import RampSource

/// Writes an environment comparison for people: the settings that differ,
/// then the connections that differ, grouped by cause. Output depends only
/// on the comparison, so identical contracts give identical reports.
public struct ComparisonReport {
    /// One line of the report: connections between two named endpoints that
    /// one environment allows and the other blocks, on some ports.
    struct Line: Hashable {
        let allowedIn: String
        let source: String
        let destination: String
        var sourceAddresses: [AddressRange] = []
        var destinationAddresses: [AddressRange] = []
        var ports: [PortText] = []

        /// The endpoints with their address ranges, at most two of them written out.
        var sourceText: String { ComparisonReport.describe(source, sourceAddresses) }
        var destinationText: String { ComparisonReport.describe(destination, destinationAddresses) }
    }

    struct PortText: Hashable, Comparable {
        let `protocol`: NetworkProtocol
        let ports: ClosedRange<Int>
        let namedPorts: [String]

        /// Joins ranges of one protocol and port names that overlap or touch.
        static func union(_ ports: [PortText]) -> [PortText] {
            var result: [PortText] = []
            for port in ports.sorted() {
                if let previous = result.last, previous.protocol == port.protocol, previous.namedPorts == port.namedPorts,
                   port.ports.lowerBound <= previous.ports.upperBound + 1 {
                    let upper = max(previous.ports.upperBound, port.ports.upperBound)
                    result[result.count - 1] = PortText(protocol: port.protocol, ports: previous.ports.lowerBound...upper, namedPorts: port.namedPorts)
                } else {
                    result.append(port)
                }
            }
            return result
        }

        static func < (lhs: PortText, rhs: PortText) -> Bool {
            if lhs.protocol != rhs.protocol { return lhs.protocol < rhs.protocol }
            if lhs.ports.lowerBound != rhs.ports.lowerBound { return lhs.ports.lowerBound < rhs.ports.lowerBound }
            return lhs.namedPorts.lexicographicallyPrecedes(rhs.namedPorts)
        }
    }

    struct Group {
        let cause: DifferenceCause
        let title: String
        let lines: [Line]
    }

    public let comparison: EnvironmentComparison
    let groups: [Group]

    public init(_ comparison: EnvironmentComparison) {
        self.init(comparison, including: { _ in true })
    }

    /// Groups only the differences whose cause passes `including`. The drift
    /// check reads undeclared drift alone, and naming the lines of every
    /// declared difference took about a tenth of its time on large
    /// environments.
    init(_ comparison: EnvironmentComparison, including: (DifferenceCause) -> Bool) {
        self.comparison = comparison
        var titles: [EnvironmentPart: String] = [:]
        for setting in comparison.settings {
            if let part = setting.part { titles[part] = setting.title }
        }
        let byCause = Dictionary(grouping: comparison.differences.filter { including($0.cause) }, by: \.cause)
        groups = byCause.map { cause, differences in
            Group(cause: cause, title: ComparisonReport.title(cause, titles), lines: ComparisonReport.lines(differences, first: comparison.first))
        }.sorted { lhs, rhs in
            let (left, right) = (ComparisonReport.order(lhs.cause), ComparisonReport.order(rhs.cause))
            return left.0 != right.0 ? left.0 < right.0 : left.1.lexicographicallyPrecedes(right.1)
        }
    }

    /// The number of report lines, which `ramp diff` counts as connections.
    public var lineCount: Int { groups.reduce(0) { $0 + $1.lines.count } }

    // MARK: - Grouping

    private static func lines(_ differences: [EnvironmentDifference], first: String) -> [Line] {
        var lines: [String: Line] = [:]
        for difference in differences {
            let key = [difference.allowedIn, difference.source, difference.destination].joined(separator: "\u{0}")
            let port = PortText(protocol: difference.protocol, ports: difference.ports, namedPorts: difference.namedPorts)
            // The line is changed in place, because a copy taken out of the
            // dictionary would copy its arrays on every append.
            if lines[key] == nil {
                lines[key] = Line(allowedIn: difference.allowedIn, source: difference.source, destination: difference.destination)
            }
            lines[key]!.ports.append(port)
            lines[key]!.sourceAddresses += difference.sourceAddresses.map { [$0] } ?? []
            lines[key]!.destinationAddresses += difference.destinationAddresses.map { [$0] } ?? []
        }
        return lines.values.map { line in
            var merged = line
            merged.ports = PortText.union(line.ports)
            merged.sourceAddresses = AddressRange.coalesced(line.sourceAddresses)
            merged.destinationAddresses = AddressRange.coalesced(line.destinationAddresses)
            return merged
        }.sorted { lhs, rhs in
            if lhs.allowedIn != rhs.allowedIn { return lhs.allowedIn == first }
            if lhs.source != rhs.source { return lhs.source < rhs.source }
            return lhs.destination < rhs.destination
        }
    }

    private static func title(_ cause: DifferenceCause, _ titles: [EnvironmentPart: String]) -> String {
        func names(_ parts: [EnvironmentPart], _ separator: String) -> String {
            parts.map { part in
                let title = titles[part] ?? part.description
                if case .statement(let range) = part { return "\(title) (\(range.locationDescription))" }
                return title
            }.joined(separator: separator)
        }
        switch cause {
        case .setting(let parts): return names(parts, " or ")
        case .combination(let parts): return names(parts, " together with ")
        case .drift(let parts, true): return "drift declared by " + names(parts, " together with ")
        case .drift(let parts, false): return "undeclared drift caused by " + names(parts, " together with ")
        case .unexplained: return "unexplained"
        }
    }

    /// Orders groups by kind of cause, then by the first part they name.
    private static func order(_ cause: DifferenceCause) -> (Int, [EnvironmentPart]) {
        switch cause {
        case .setting(let parts): return (0, parts)
        case .combination(let parts): return (1, parts)
        case .drift(let parts, true): return (2, parts)
        case .drift(let parts, false): return (3, parts)
        case .unexplained: return (4, [])
        }
    }

    // MARK: - Endpoints and ports

    static func describe(_ name: String, _ addresses: [AddressRange]) -> String {
        switch addresses.count {
        case 0: return name
        case 1, 2: return "\(name) (\(addresses.map(\.description).joined(separator: ", ")))"
        default: return "\(name) (\(addresses.count) address ranges)"
        }
    }

    /// Writes ports as contracts do, such as `443/tcp, 53/udp`, with
    /// `every port` when every port of every protocol differs.
    static func describe(_ ports: [PortText]) -> String {
        let full = ports.filter { $0.ports == 1...65535 && $0.namedPorts.isEmpty }
        if Set(full.map(\.protocol)).count == NetworkProtocol.allCases.count && ports.count == full.count {
            return "every port"
        }
        return ports.map { port in
            let protocolName = port.protocol.rawValue.lowercased()
            if port.ports == 1...65535 && port.namedPorts.isEmpty { return "every \(protocolName) port" }
            let number = port.ports.count == 1 ? "\(port.ports.lowerBound)" : "\(port.ports.lowerBound)-\(port.ports.upperBound)"
            let names = port.namedPorts.isEmpty ? "" : " named " + port.namedPorts.joined(separator: " or ")
            return "\(number)/\(protocolName)\(names)"
        }.joined(separator: ", ")
    }
}

// MARK: - Text

extension ComparisonReport {
    /// Returns the plain text report. `limit` caps the lines listed per
    /// group; nil lists them all.
    public func text(limit: Int?) -> String {
        let first = comparison.first
        let second = comparison.second
        var text = "Environments '\(first)' and '\(second)'\n\n"
        if comparison.settings.isEmpty {
            text += "No setting differs.\n"
        } else {
            text += "Settings that differ:\n"
            let width = max(first.count, second.count) + 1
            for setting in comparison.settings {
                text += "  \(setting.title)\n"
                text += "    " + padded(first + ":", width) + " \(setting.first)\n"
                text += "    " + padded(second + ":", width) + " \(setting.second)\n"
            }
        }
        text += "\n"
        guard !groups.isEmpty else { return text + "No connection differs.\n" }

        text += "Connections that differ: \(lineCount), in \(groups.count) group\(groups.count == 1 ? "" : "s").\n"
        for group in groups {
            text += "\n\(group.title)\n"
            let listed = limit.map { Array(group.lines.prefix($0)) } ?? group.lines
            for line in listed {
                text += "  \(line.allowedIn) only: \(line.sourceText) -> \(line.destinationText), \(ComparisonReport.describe(line.ports))\n"
            }
            if listed.count < group.lines.count {
                text += "  ... and \(group.lines.count - listed.count) more; '--limit 0' lists every line\n"
            }
        }
        return text
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

// MARK: - Markdown

extension ComparisonReport {
    /// Returns the report as GitHub-flavoured Markdown with tables, for pull
    /// request comments.
    public func markdown(limit: Int?) -> String {
        let first = comparison.first
        let second = comparison.second
        var text = "## Environments `\(first)` and `\(second)`\n\n"
        if comparison.settings.isEmpty {
            text += "No setting differs.\n"
        } else {
            text += "### Settings that differ\n\n| setting | \(cell(first)) | \(cell(second)) |\n| --- | --- | --- |\n"
            for setting in comparison.settings {
                text += "| \(cell(setting.title)) | \(cell(setting.first)) | \(cell(setting.second)) |\n"
            }
        }
        text += "\n"
        guard !groups.isEmpty else { return text + "No connection differs.\n" }

        text += "### Connections that differ\n\n\(lineCount) connections, in \(groups.count) group\(groups.count == 1 ? "" : "s").\n"
        for group in groups {
            text += "\n#### \(cell(group.title))\n\n| allowed only in | source | destination | ports |\n| --- | --- | --- | --- |\n"
            let listed = limit.map { Array(group.lines.prefix($0)) } ?? group.lines
            for line in listed {
                text += "| \(cell(line.allowedIn)) | \(cell(line.sourceText)) | \(cell(line.destinationText)) | \(cell(ComparisonReport.describe(line.ports))) |\n"
            }
            if listed.count < group.lines.count {
                text += "\n... and \(group.lines.count - listed.count) more; `--limit 0` lists every line.\n"
            }
        }
        return text
    }

    /// Escapes the characters that would end a table cell or start markup.
    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
