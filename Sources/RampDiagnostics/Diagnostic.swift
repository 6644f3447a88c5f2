import RampSource

public enum Severity: String, Sendable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary span shown beside the primary one, with a short label.
public struct Highlight: Sendable {
    public let range: SourceRange
    public let label: String

    public init(_ range: SourceRange, label: String = "") {
        self.range = range
        self.label = label
    }
}

/// Extra information attached to a diagnostic; it may point into another file.
public struct Note: Sendable {
    public let message: String
    public let range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One replacement of source text that fixes the problem.
public struct FixIt: Sendable {
    public let message: String
    public let range: SourceRange
    public let replacement: String

    public init(_ message: String, replacing range: SourceRange, with replacement: String) {
        self.message = message
        self.range = range
        self.replacement = replacement
    }
}

/// A problem found in the input: a message from the catalogue, the span it
/// is about, and optional highlights, notes and fix-its.
public struct Diagnostic: Sendable {
    public let id: DiagnosticID
    public var severity: Severity
    public let message: String
    /// Nil only for problems that belong to no file, such as a missing input path.
    public let range: SourceRange?
    public var highlights: [Highlight]
    public var notes: [Note]
    public var fixIts: [FixIt]

    public init(
        _ message: DiagnosticMessage,
        at range: SourceRange?,
        highlights: [Highlight] = [],
        notes: [Note] = [],
        fixIts: [FixIt] = []
    ) {
        self.id = message.id
        self.severity = message.id.severity
        self.message = message.text
        self.range = range
        self.highlights = highlights
        self.notes = notes
        self.fixIts = fixIts
    }
}
