import RampDiagnostics

/// `ramp diff --env A --env B <path>...`
struct EnvironmentDiffOptions {
    enum Format: String, CaseIterable {
        case text
        case markdown
    }

    var inputs: [String] = []
    var environments: [String] = []
    var format: Format = .text
    /// Lines listed per group of differences; nil lists them all.
    var limit: Int? = 20
    var reporting = ReportingOptions()
}

extension CommandLineOptions {
    static func parseEnvironmentDiff(_ arguments: [String]) throws(UsageError) -> Command {
        let warningOptions = DiagnosticOptions.parse(arguments)
        if let error = warningOptions.usageErrors.first { throw UsageError(error) }

        var options = EnvironmentDiffOptions()
        options.reporting.diagnostics = warningOptions.options
        var reader = ArgumentReader(arguments: warningOptions.remainingArguments)
        while let argument = reader.next() {
            switch argument {
            case "-h", "--help":
                return .help(Usage.environmentDiff)
            case "--env":
                options.environments.append(try reader.value(for: argument))
            case "--format":
                options.format = try reader.choice(for: argument, EnvironmentDiffOptions.Format.self)
            case "--limit":
                let text = try reader.value(for: argument)
                guard let limit = Int(text), limit >= 0 else {
                    throw UsageError(message: "invalid value \(QuotedText.quote(text)) for '--limit'; use a whole number of lines, 0 for no limit")
                }
                options.limit = limit == 0 ? nil : limit
            case "--diagnostics-format":
                options.reporting.format = try reader.choice(for: argument, DiagnosticFormat.self)
            case "--color":
                options.reporting.color = try reader.choice(for: argument, ColorChoice.self)
            case "--base", "--fail-on":
                // 'ramp diff --help' lists these options, so 'unknown option' would contradict it.
                throw UsageError(message: "\(QuotedText.quote(argument)) compares two versions of the contracts, not two environments; "
                                 + "run 'ramp diff --env a --env b --help'")
            default:
                guard !argument.hasPrefix("-") || argument == "-" else {
                    throw UsageError(message: "unknown option \(QuotedText.quote(argument)) for 'ramp diff --env A --env B'; run 'ramp diff --env a --env b --help'")
                }
                options.inputs.append(argument)
            }
        }
        guard options.environments.count == 2 else {
            throw UsageError(message: "'ramp diff' compares two environments: give '--env A --env B'")
        }
        guard options.environments[0] != options.environments[1] else {
            throw UsageError(message: "'ramp diff' needs two different environments; both '--env' options name \(QuotedText.quote(options.environments[0]))")
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp diff' requires at least one contract file or directory") }
        return .environmentDiff(options)
    }
}
