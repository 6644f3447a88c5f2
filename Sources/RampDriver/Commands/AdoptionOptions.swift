import RampDiagnostics

/// Command-line parsing of `ramp lint`, `ramp import` and `ramp drift`.
extension CommandLineOptions {
    /// Takes the diagnostic options out, then hands each other argument to `handle`,
    /// which returns false for an argument it does not know.
    static func parseArguments(
        _ arguments: [String], command: String, reporting: inout ReportingOptions,
        handle: (String, inout ArgumentReader) throws(UsageError) -> Bool
    ) throws(UsageError) {
        let warningOptions = DiagnosticOptions.parse(arguments)
        if let error = warningOptions.usageErrors.first { throw UsageError(error) }
        reporting.diagnostics = warningOptions.options
        var reader = ArgumentReader(arguments: warningOptions.remainingArguments)
        while let argument = reader.next() {
            switch argument {
            case "--diagnostics-format":
                reporting.format = try reader.choice(for: argument, DiagnosticFormat.self)
            case "--color":
                reporting.color = try reader.choice(for: argument, ColorChoice.self)
            default:
                guard try handle(argument, &reader) else {
                    throw UsageError(message: "unknown option \(QuotedText.quote(argument)) for 'ramp \(command)'; run 'ramp \(command) --help'")
                }
            }
        }
    }

    static func parseLint(_ arguments: [String]) throws(UsageError) -> Command {
        if arguments.contains("-h") || arguments.contains("--help") { return .help(Usage.lint) }
        var options = LintOptions()
        try parseArguments(arguments, command: "lint", reporting: &options.reporting) { (argument, reader) throws(UsageError) in
            switch argument {
            case "--workloads": options.workloads.append(try reader.value(for: argument))
            default:
                guard !argument.hasPrefix("-") || argument == "-" else { return false }
                options.inputs.append(argument)
            }
            return true
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp lint' requires at least one YAML or JSON file or directory") }
        try rejectRepeatedStandardInput(options.inputs + options.workloads)
        return .lint(options)
    }

    static func parseDrift(_ arguments: [String]) throws(UsageError) -> Command {
        if arguments.contains("-h") || arguments.contains("--help") { return .help(Usage.drift) }
        var options = DriftOptions()
        try parseArguments(arguments, command: "drift", reporting: &options.reporting) { (argument, reader) throws(UsageError) in
            switch argument {
            case "--live": options.live.append(try reader.value(for: argument))
            case "--env": options.environment = try reader.singleValue(for: argument, current: options.environment)
            case "--all-namespaces": options.allNamespaces = true
            default:
                guard !argument.hasPrefix("-") else { return false }
                options.contracts.append(argument)
            }
            return true
        }
        guard !options.contracts.isEmpty else { throw UsageError(message: "'ramp drift' requires at least one contract file or directory") }
        guard !options.live.isEmpty else { throw UsageError(message: "'ramp drift' requires '--live <export>', such as the output of 'kubectl get networkpolicies -A -o yaml'") }
        try rejectRepeatedStandardInput(options.live)
        return .drift(options)
    }

    static func parseImport(_ arguments: [String]) throws(UsageError) -> Command {
        if arguments.contains("-h") || arguments.contains("--help") { return .help(Usage.importPolicies) }
        var options = ImportOptions()
        try parseArguments(arguments, command: "import", reporting: &options.reporting) { (argument, reader) throws(UsageError) in
            switch argument {
            case "--workloads": options.workloads.append(try reader.value(for: argument))
            case "-o", "--output": options.output = try reader.singleValue(for: argument, current: options.output)
            case "--allow-approximate": options.allowApproximate = true
            default:
                guard !argument.hasPrefix("-") || argument == "-" else { return false }
                options.inputs.append(argument)
            }
            return true
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp import' requires at least one YAML or JSON file or directory") }
        guard options.output != nil else { throw UsageError(message: "'ramp import' requires '-o <contract-file>', or '-o -' for standard output") }
        try rejectRepeatedStandardInput(options.inputs + options.workloads)
        return .importPolicies(options)
    }

    /// Rejects '-' given twice, because the second read of standard input
    /// finds it empty and would report an empty manifest instead of the mistake.
    static func rejectRepeatedStandardInput(_ paths: [String]) throws(UsageError) {
        guard paths.count(where: { $0 == "-" }) > 1 else { return }
        throw UsageError(message: "standard input ('-') can be read only once; give '-' once and the other manifests as files")
    }
}
