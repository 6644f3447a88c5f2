// Messages about the diagnostic options on the command line (`-Werror`,
// `-W no-<name>`, `--error-limit`), and the note that ends a report cut
// short by the error limit. Wording follows Contracts.swift.

// MARK: - Identities

extension DiagnosticID {
    public static let invalidWarningOption = DiagnosticID(50, "invalid-warning-option", .error, "a -W option that is neither -Werror nor -W no-<name>")
    public static let unknownWarning = DiagnosticID(51, "unknown-warning", .error, "-W no-<name> names no diagnostic")
    public static let errorNotSilenceable = DiagnosticID(52, "error-not-silenceable", .error, "-W no-<name> names an error, which cannot be silenced")
    public static let invalidErrorLimit = DiagnosticID(53, "invalid-error-limit", .error, "--error-limit needs a whole number of errors")
    public static let errorLimitReached = DiagnosticID(54, "error-limit-reached", .note, "ramp stopped reporting at the error limit")

    /// The identities declared in this file, for `DiagnosticID.all`.
    static let optionIDs: [DiagnosticID] = [
        .invalidWarningOption, .unknownWarning, .errorNotSilenceable, .invalidErrorLimit, .errorLimitReached,
    ]
}

// MARK: - Messages

extension DiagnosticMessage {
    public static func invalidWarningOption(_ option: String) -> Self {
        Self(.invalidWarningOption, "invalid warning option \(QuotedText.quote(option)); use '-Werror' or '-W no-<name>'")
    }

    /// Names the closest valid name when one is close, and otherwise lists
    /// every valid name, because a list of a few would hide the one meant.
    public static func unknownWarning(_ name: String, suggestion: String?, validNames: [String]) -> Self {
        let advice = suggestion.map { "did you mean \(QuotedText.quote($0))?" }
            ?? "use one of \(NameSuggestion.list(validNames, limit: validNames.count))"
        return Self(.unknownWarning, "unknown warning name \(QuotedText.quote(name)) in \(QuotedText.quote("-W no-" + name)); \(advice)")
    }

    public static func errorNotSilenceable(_ name: String) -> Self {
        Self(.errorNotSilenceable, "cannot silence \(QuotedText.quote(name)) because it is an error, not a warning")
    }

    public static func invalidErrorLimit(_ text: String) -> Self {
        Self(.invalidErrorLimit, "invalid error limit \(QuotedText.quote(text)); use a whole number of errors, or 0 for no limit")
    }

    public static func missingErrorLimit() -> Self {
        Self(.invalidErrorLimit, "missing value for '--error-limit'; use a whole number of errors, or 0 for no limit")
    }

    public static func errorLimitReached(limit: Int, moreErrors: Int, moreWarnings: Int) -> Self {
        let errors = moreErrors == 1 ? "1 more error" : "\(moreErrors) more errors"
        var hidden = errors
        if moreWarnings > 0 {
            hidden += moreWarnings == 1 ? " and 1 more warning" : " and \(moreWarnings) more warnings"
        }
        let shownErrors = limit == 1 ? "1 error" : "\(limit) errors"
        return Self(.errorLimitReached, "stopped after \(shownErrors); \(hidden) not shown, use '--error-limit 0' to show all")
    }
}
