import RampDiagnostics
import RampKube
import RampLowering

/// The parsed command line.
enum Command {
    case help(String)
    case version
    case build(BuildOptions)
    case explain(ExplainOptions)
    case test(TestOptions)
    case check(CheckOptions)
    case diff(DiffOptions)
    case lint(LintOptions)
    case drift(DriftOptions)
    case importPolicies(ImportOptions)
    case environmentDiff(EnvironmentDiffOptions)
}

/// Options that every command reading contracts shares.
struct ReportingOptions {
    var format: DiagnosticFormat = .text
    var color: ColorChoice = .auto
    var diagnostics = DiagnosticOptions()
}

struct BuildOptions {
    var inputs: [String] = []
    var outputDirectory: String?
    var reporting = ReportingOptions()
    var optimizationLevel: OptimizationLevel = .standard
    /// Nil uses the environment profile's version, or the default.
    var kubernetesVersion: KubernetesVersion?
    var environment: String?
    /// Also build every declared environment into `<output>/<environment>`.
    var allEnvironments = false
    var printStatistics = false
    /// Writes `<name>.yaml.map.json` beside each YAML file.
    var writeSourceMaps = false
    var layout: OutputLayout = .plain
}

/// Parses arguments by hand; the toolchain offers no argument parser and
/// ramp takes no package dependencies.
enum CommandLineOptions {
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        guard let first = arguments.first else { return .help(Usage.main) }
        switch first {
        case "-h", "--help", "help": return .help(Usage.main)
        case "--version": return .version
        case "build": return try parseBuild(Array(arguments.dropFirst()))
        case "explain": return try parseExplain(Array(arguments.dropFirst()))
        case "test": return try parseTest(Array(arguments.dropFirst()))
        case "check": return try parseCheck(Array(arguments.dropFirst()))
        case "diff":
            // Two or more `--env` options compare environments. One selects
            // the environment in which two versions of the contracts are compared.
            let rest = Array(arguments.dropFirst())
            return rest.filter { $0 == "--env" }.count >= 2 ? try parseEnvironmentDiff(rest) : try parseDiff(rest)
        case "lint": return try parseLint(Array(arguments.dropFirst()))
        case "drift": return try parseDrift(Array(arguments.dropFirst()))
        case "import": return try parseImport(Array(arguments.dropFirst()))
        default: throw UsageError(message: "unknown command \(QuotedText.quote(first)); run 'ramp --help' for the list of commands")
        }
    }

    private static func parseBuild(_ arguments: [String]) throws(UsageError) -> Command {
        let warningOptions = DiagnosticOptions.parse(arguments)
        if let error = warningOptions.usageErrors.first { throw UsageError(error) }

        var options = BuildOptions()
        options.reporting.diagnostics = warningOptions.options
        var reader = ArgumentReader(arguments: warningOptions.remainingArguments)
        while let argument = reader.next() {
            switch argument {
            case "-h", "--help":
                return .help(Usage.build)
            case "-o", "--output":
                options.outputDirectory = try reader.singleValue(for: argument, current: options.outputDirectory)
            case "--diagnostics-format":
                options.reporting.format = try reader.choice(for: argument, DiagnosticFormat.self)
            case "--color":
                options.reporting.color = try reader.choice(for: argument, ColorChoice.self)
            case "-O0":
                options.optimizationLevel = .none
            case "-O", "-O1":
                options.optimizationLevel = .standard
            case "-Otrust-ingress":
                options.optimizationLevel = .trustIngress
            case "--kube-version":
                let text = try reader.value(for: argument)
                guard let version = KubernetesVersion(text) else {
                    throw UsageError(message: "invalid value \(QuotedText.quote(text)) for '--kube-version'; use a version such as 1.29")
                }
                guard version >= .oldestSupported else {
                    throw UsageError(
                        message: "'--kube-version \(text)' is older than \(KubernetesVersion.oldestSupported): \(KubernetesVersion.unsupportedReason); use 1.21 or later"
                    )
                }
                options.kubernetesVersion = version
            case "--env":
                options.environment = try reader.singleValue(for: argument, current: options.environment)
            case "--all-environments":
                options.allEnvironments = true
            case "--stats":
                options.printStatistics = true
            case "--source-map":
                options.writeSourceMaps = true
            case "--layout":
                options.layout = try reader.choice(for: argument, OutputLayout.self)
            default:
                guard !argument.hasPrefix("-") || argument == "-" else {
                    throw UsageError(message: "unknown option \(QuotedText.quote(argument)) for 'ramp build'; run 'ramp build --help'")
                }
                options.inputs.append(argument)
            }
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp build' requires at least one contract file or directory") }
        guard options.outputDirectory != nil else { throw UsageError(message: "'ramp build' requires '-o <directory>' for the generated YAML") }
        if options.allEnvironments && options.environment != nil {
            throw UsageError(message: "'--env' and '--all-environments' cannot be combined; '--all-environments' builds every environment")
        }
        if options.allEnvironments && options.printStatistics {
            throw UsageError(message: "'--stats' needs a single build; use it with or without '--env', not with '--all-environments'")
        }
        // The build of every environment writes plain files without maps, so these options would be ignored.
        if options.allEnvironments && options.layout != .plain {
            throw UsageError(message: "'--layout kustomize' needs a single build; use it with or without '--env', not with '--all-environments'")
        }
        if options.allEnvironments && options.writeSourceMaps {
            throw UsageError(message: "'--source-map' needs a single build; use it with or without '--env', not with '--all-environments'")
        }
        return .build(options)
    }
}

/// Walks the arguments of one command.
struct ArgumentReader {
    let arguments: [String]
    var index = 0

    mutating func next() -> String? {
        guard index < arguments.count else { return nil }
        defer { index += 1 }
        return arguments[index]
    }

    /// Reads the value of `option`. An empty value is rejected, because it
    /// usually comes from an unset shell variable. With `-o ""`, a build
    /// would write into the current directory and delete the files that
    /// ramp generated there for namespaces these contracts do not declare.
    mutating func value(for option: String) throws(UsageError) -> String {
        guard let value = next() else { throw UsageError(message: "option \(QuotedText.quote(option)) requires a value") }
        guard !value.isEmpty else { throw UsageError(message: "option \(QuotedText.quote(option)) requires a non-empty value") }
        return value
    }

    /// Reads the value of an option that may be given once, and rejects it
    /// when `current` is already set, because keeping only the last value
    /// would silently build, check or write something other than requested.
    mutating func singleValue(for option: String, current: String?) throws(UsageError) -> String {
        guard current == nil else { throw UsageError(message: "option \(QuotedText.quote(option)) may be given once") }
        return try value(for: option)
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        for option: String, _ type: Choice.Type
    ) throws(UsageError) -> Choice where Choice.RawValue == String {
        let text = try value(for: option)
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(message: "invalid value \(QuotedText.quote(text)) for \(QuotedText.quote(option)); use one of \(allowed)")
        }
        return choice
    }
}
