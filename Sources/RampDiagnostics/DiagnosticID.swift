/// The stable identity of a kind of diagnostic.
///
/// A code is never reused for a different problem, because CI systems and
/// suppression lists store it.
public struct DiagnosticID: Hashable, Sendable {
    /// The number printed as `RAMP0123`.
    public let number: Int
    /// A short kebab-case name, used to silence a warning with `-W no-<name>`.
    public let name: String
    public let severity: Severity
    /// One line that describes the rule, shown in SARIF rule lists.
    public let summary: String

    public init(_ number: Int, _ name: String, _ severity: Severity, _ summary: String) {
        self.number = number
        self.name = name
        self.severity = severity
        self.summary = summary
    }

    public var code: String {
        let digits = String(number)
        return "RAMP" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// The text of one diagnostic, made by a catalogue function from its values.
public struct DiagnosticMessage: Sendable {
    public let id: DiagnosticID
    public let text: String

    public init(_ id: DiagnosticID, _ text: String) {
        self.id = id
        self.text = text
    }
}
