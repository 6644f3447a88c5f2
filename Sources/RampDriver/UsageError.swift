import RampDiagnostics

/// An invalid command line, which the driver reports before it runs a
/// command. An error from the diagnostic options (`-W`, `--error-limit`)
/// keeps its `diagnostic`, so that the report shows its code and notes.
struct UsageError: Error {
    let message: String
    var diagnostic: Diagnostic? = nil

    init(message: String) {
        self.message = message
    }

    init(_ diagnostic: Diagnostic) {
        self.message = diagnostic.message
        self.diagnostic = diagnostic
    }

    /// The text for standard error: `ramp: error: <message>`, followed by
    /// the code and notes when the error is a diagnostic.
    var report: String {
        guard let diagnostic else { return "ramp: error: \(message)\n" }
        return TextRenderer(colored: false).render(diagnostic)
    }
}
