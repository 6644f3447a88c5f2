/// The output formats of `--diagnostics-format`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// clang-style text for terminals and editors (`TextRenderer`).
    case text
    /// One JSON object per line (`JSONLinesRenderer`).
    case json
    /// A SARIF 2.1.0 log for code scanning (`SARIFRenderer`).
    case sarif
    /// GitHub Actions workflow commands (`GitHubActionsRenderer`).
    case github
}

/// The output of `DiagnosticReporter.render(_:)` and the diagnostics it shows.
public struct DiagnosticReport: Sendable {
    /// The rendered text, ending with a newline unless it is empty.
    public let output: String
    /// The diagnostics that the output shows, after the options were applied.
    public let diagnostics: [Diagnostic]

    /// Whether an error remains after the options were applied. The driver
    /// exits with a failure status if so.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}

/// The one entry point from the driver to diagnostic output: applies the
/// diagnostic options, then renders in the chosen format.
public struct DiagnosticReporter: Sendable {
    public var format: DiagnosticFormat
    /// Whether text output is coloured, as `ColorChoice.resolve` decides. Other formats ignore it.
    public var color: Bool
    public var options: DiagnosticOptions
    /// The ramp version that SARIF logs name.
    public var toolVersion: String?
    /// The project page that SARIF logs link to.
    public var informationURI: String?

    public init(
        format: DiagnosticFormat,
        color: Bool = false,
        options: DiagnosticOptions = DiagnosticOptions(),
        toolVersion: String? = nil,
        informationURI: String? = nil
    ) {
        self.format = format
        self.color = color
        self.options = options
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    /// Renders `diagnostics` in the order given, so pass `DiagnosticEngine.sorted()`
    /// for reading order. A SARIF log is produced even for no diagnostics,
    /// because code scanning closes earlier alerts when a run has no results.
    public func render(_ diagnostics: [Diagnostic]) -> DiagnosticReport {
        let reported = options.apply(to: diagnostics)
        let output: String
        switch format {
        case .text:
            output = TextRenderer(colored: color).render(reported)
        case .json:
            output = JSONLinesRenderer().render(reported)
        case .sarif:
            output = SARIFRenderer(toolVersion: toolVersion, informationURI: informationURI).render(reported)
        case .github:
            output = GitHubActionsRenderer().render(reported)
        }
        return DiagnosticReport(output: output, diagnostics: reported)
    }
}
