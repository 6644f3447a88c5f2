import RampDiagnostics
import RampKube
import RampLowering

/// The options that decide what a compilation produces, shared by `test`,
/// `check` and `diff` so that they see what `ramp build` writes.
struct CompileFlags {
    var optimizationLevel: OptimizationLevel = .standard
    /// Nil uses the environment profile's version, or the default.
    var kubernetesVersion: KubernetesVersion?
    var environment: String?

    /// Consumes `argument` and its value when it is a compile option, and
    /// returns whether it was one.
    mutating func parse(_ argument: String, _ reader: inout ArgumentReader) throws(UsageError) -> Bool {
        switch argument {
        case "-O0":
            optimizationLevel = .none
        case "-O", "-O1":
            optimizationLevel = .standard
        case "-Otrust-ingress":
            optimizationLevel = .trustIngress
        case "--kube-version":
            let text = try reader.value(for: argument)
            guard let version = KubernetesVersion(text) else {
                throw UsageError(message: "invalid value \(QuotedText.quote(text)) for '--kube-version'; use a version such as 1.29")
            }
            kubernetesVersion = version
        case "--env":
            guard environment == nil else { throw UsageError(message: "option '--env' may be given once") }
            environment = try reader.value(for: argument)
        default:
            return false
        }
        return true
    }

    func configure(_ compilation: inout Compilation) {
        compilation.optimizationLevel = optimizationLevel
        compilation.requestedKubernetesVersion = kubernetesVersion
        compilation.environment = environment
    }

    /// The options as `ramp build` spells them, for a command to print.
    var arguments: [String] {
        var result: [String] = []
        switch optimizationLevel {
        case .none: result.append("-O0")
        case .standard: break
        case .trustIngress: result.append("-Otrust-ingress")
        }
        if let kubernetesVersion { result += ["--kube-version", kubernetesVersion.description] }
        if let environment { result += ["--env", environment] }
        return result
    }
}

struct TestOptions {
    var inputs: [String] = []
    /// Manifest files or directories; empty tests the generated policies.
    var policies: [String] = []
    var compile = CompileFlags()
    var reporting = ReportingOptions()
}

struct CheckOptions {
    var inputs: [String] = []
    var outputDirectory = ""
    /// Whether to compare the subdirectory of every environment too, as `ramp build --all-environments` writes them.
    var allEnvironments = false
    /// The layout that the build used, because it decides which files the directory holds.
    var layout = OutputLayout.plain
    /// The classes of differing connections that the drift check attributes
    /// per pair of environments: nil for its default, 0 for no limit.
    var driftLimit: Int?
    var compile = CompileFlags()
    var reporting = ReportingOptions()

    /// The `ramp build` command that writes what this check expects.
    var buildCommand: String {
        let scope = allEnvironments ? ["--all-environments"] : []
        let layoutArguments = layout == .plain ? [] : ["--layout", layout.rawValue]
        return (["ramp", "build"] + scope + inputs + ["-o", outputDirectory] + compile.arguments + layoutArguments).joined(separator: " ")
    }
}

struct DiffOptions {
    enum Format: String, CaseIterable {
        case text
        case markdown
    }

    enum FailureCondition: String, CaseIterable {
        /// Some connection is added.
        case widen
    }

    /// Without `base`, the old and the new contract path; with it, the new paths.
    var paths: [String] = []
    var base: String?
    var format = Format.text
    var failOn: FailureCondition?
    var compile = CompileFlags()
    var reporting = ReportingOptions()
}

extension CommandLineOptions {
    static func parseTest(_ arguments: [String]) throws(UsageError) -> Command {
        var options = TestOptions()
        let remaining = try parseReporting(arguments, into: &options.reporting)
        var reader = ArgumentReader(arguments: remaining)
        while let argument = reader.next() {
            if argument == "-h" || argument == "--help" { return .help(Usage.test) }
            if try options.compile.parse(argument, &reader) { continue }
            if try parseFormatOption(argument, &reader, into: &options.reporting) { continue }
            if argument == "--policies" {
                options.policies.append(try reader.value(for: argument))
                continue
            }
            try rejectUnknownOption(argument, command: "test")
            options.inputs.append(argument)
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp test' requires at least one contract file or directory") }
        try rejectRepeatedStandardInput(options.policies)
        return .test(options)
    }

    static func parseCheck(_ arguments: [String]) throws(UsageError) -> Command {
        var options = CheckOptions()
        let remaining = try parseReporting(arguments, into: &options.reporting)
        var reader = ArgumentReader(arguments: remaining)
        var output: String?
        while let argument = reader.next() {
            if argument == "-h" || argument == "--help" { return .help(Usage.check) }
            if try options.compile.parse(argument, &reader) { continue }
            if try parseFormatOption(argument, &reader, into: &options.reporting) { continue }
            if argument == "-o" || argument == "--output" {
                output = try reader.singleValue(for: argument, current: output)
                continue
            }
            if argument == "--all-environments" {
                options.allEnvironments = true
                continue
            }
            if argument == "--layout" {
                options.layout = try reader.choice(for: argument, OutputLayout.self)
                continue
            }
            if argument == "--drift-limit" {
                let text = try reader.value(for: argument)
                guard let limit = Int(text), limit >= 0 else {
                    throw UsageError(message: "invalid value \(QuotedText.quote(text)) for '--drift-limit'; use a whole number of classes, 0 for no limit")
                }
                options.driftLimit = limit
                continue
            }
            try rejectUnknownOption(argument, command: "check")
            options.inputs.append(argument)
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp check' requires at least one contract file or directory") }
        if options.allEnvironments && options.compile.environment != nil {
            throw UsageError(message: "'--env' and '--all-environments' cannot be combined; '--all-environments' checks every environment")
        }
        if options.allEnvironments && options.layout != .plain {
            throw UsageError(message: "'--layout kustomize' needs a single build; use it with or without '--env', not with '--all-environments'")
        }
        guard let output else { throw UsageError(message: "'ramp check' requires '-o <directory>', the directory that 'ramp build' writes") }
        options.outputDirectory = output
        return .check(options)
    }

    static func parseDiff(_ arguments: [String]) throws(UsageError) -> Command {
        var options = DiffOptions()
        let remaining = try parseReporting(arguments, into: &options.reporting)
        var reader = ArgumentReader(arguments: remaining)
        while let argument = reader.next() {
            if argument == "-h" || argument == "--help" { return .help(Usage.diff) }
            if try options.compile.parse(argument, &reader) { continue }
            if try parseFormatOption(argument, &reader, into: &options.reporting) { continue }
            switch argument {
            case "--base":
                let revision = try reader.singleValue(for: argument, current: options.base)
                // Git would read a revision such as '--output=FILE' as one of its own options.
                guard !revision.hasPrefix("-") else {
                    throw UsageError(message: "invalid revision \(QuotedText.quote(revision)) for '--base'; give a branch, tag or commit, such as 'main' or 'HEAD~1'")
                }
                options.base = revision
            case "--format":
                options.format = try reader.choice(for: argument, DiffOptions.Format.self)
            case "--fail-on":
                options.failOn = try reader.choice(for: argument, DiffOptions.FailureCondition.self)
            default:
                try rejectUnknownOption(argument, command: "diff")
                options.paths.append(argument)
            }
        }
        if options.base == nil && options.paths.count != 2 && options.compile.environment != nil {
            throw UsageError(message: "'ramp diff' compares two environments: give '--env A --env B'; "
                + "with one '--env', give two contract paths, the old and the new, or '--base <revision>' and the contract paths")
        }
        if options.base == nil && options.paths.count != 2 {
            throw UsageError(message: "'ramp diff' requires two contract paths, the old and the new, or '--base <revision>' and the contract paths")
        }
        if options.base != nil && options.paths.isEmpty {
            throw UsageError(message: "'ramp diff --base' requires at least one contract file or directory")
        }
        return .diff(options)
    }

    // MARK: - Shared

    /// Reads `-Werror`, `-W no-<name>` and `--error-limit`, and returns the other arguments.
    private static func parseReporting(_ arguments: [String], into reporting: inout ReportingOptions) throws(UsageError) -> [String] {
        let warningOptions = DiagnosticOptions.parse(arguments)
        if let error = warningOptions.usageErrors.first { throw UsageError(error) }
        reporting.diagnostics = warningOptions.options
        return warningOptions.remainingArguments
    }

    private static func parseFormatOption(
        _ argument: String, _ reader: inout ArgumentReader, into reporting: inout ReportingOptions
    ) throws(UsageError) -> Bool {
        switch argument {
        case "--diagnostics-format":
            reporting.format = try reader.choice(for: argument, DiagnosticFormat.self)
        case "--color":
            reporting.color = try reader.choice(for: argument, ColorChoice.self)
        default:
            return false
        }
        return true
    }

    private static func rejectUnknownOption(_ argument: String, command: String) throws(UsageError) {
        guard !argument.hasPrefix("-") || argument == "-" else {
            throw UsageError(message: "unknown option \(QuotedText.quote(argument)) for 'ramp \(command)'; run 'ramp \(command) --help'")
        }
    }
}
