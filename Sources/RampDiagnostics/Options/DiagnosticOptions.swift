/// The command-line options that change which diagnostics are reported and
/// how severe they are: `-Werror`, `-W no-<name>` and `--error-limit N`.
public struct DiagnosticOptions: Sendable {
    public static let defaultErrorLimit = 50

    /// Reports every warning as an error (`-Werror`).
    public var warningsAsErrors: Bool
    /// Names of the warnings and notes that are not reported (`-W no-<name>`).
    public private(set) var silencedNames: Set<String> = []
    /// The number of errors after which reporting stops, or 0 for no limit.
    public var errorLimit: Int

    public init(warningsAsErrors: Bool = false, errorLimit: Int = DiagnosticOptions.defaultErrorLimit) {
        self.warningsAsErrors = warningsAsErrors
        self.errorLimit = errorLimit
    }

    /// Silences the diagnostic with a kebab-case `name`, or returns the usage
    /// error that explains why it cannot be: the name is unknown in
    /// `registry`, or it names an error, which no option can hide.
    public mutating func silence(_ name: String, registry: [DiagnosticID] = DiagnosticID.all) -> Diagnostic? {
        guard let id = registry.first(where: { $0.name == name }) else {
            // Suggests and lists only warnings and notes, because an error
            // cannot be silenced.
            let silenceable = Array(Set(registry.filter { $0.severity != .error }.map(\.name))).sorted()
            let suggestion = NameSuggestion.closest(to: name, in: silenceable)
            return Diagnostic(.unknownWarning(name, suggestion: suggestion, validNames: silenceable), at: nil)
        }
        guard id.severity != .error else {
            return Diagnostic(.errorNotSilenceable(name), at: nil)
        }
        silencedNames.insert(name)
        return nil
    }
}

// MARK: - Parsing

extension DiagnosticOptions {
    /// The result of taking the diagnostic options out of a command line.
    public struct ParseResult: Sendable {
        public var options: DiagnosticOptions
        /// The arguments that are not diagnostic options, in their order.
        public var remainingArguments: [String]
        /// Usage errors without a location, which the driver reports before it exits.
        public var usageErrors: [Diagnostic]
    }

    /// Takes `-Werror`, `-W error`, `-W no-<name>`, `-Wno-<name>`,
    /// `--error-limit N` and `--error-limit=N` out of `arguments`. Arguments
    /// after `--` are left alone. `-W no-<name>` looks the name up in `registry`.
    public static func parse(_ arguments: [String], registry: [DiagnosticID] = DiagnosticID.all) -> ParseResult {
        var result = ParseResult(options: DiagnosticOptions(), remainingArguments: [], usageErrors: [])
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--":
                result.remainingArguments += arguments[(index - 1)...]
                index = arguments.count
            case "-Werror":
                result.options.warningsAsErrors = true
            case "-W":
                guard index < arguments.count else {
                    result.usageErrors.append(Diagnostic(.invalidWarningOption("-W"), at: nil))
                    continue
                }
                result.applyWarningOption(arguments[index], registry: registry)
                index += 1
            case "--error-limit":
                guard index < arguments.count else {
                    result.usageErrors.append(Diagnostic(.missingErrorLimit(), at: nil))
                    continue
                }
                result.applyErrorLimit(arguments[index])
                index += 1
            default:
                if argument.hasPrefix("-W") {
                    result.applyWarningOption(String(argument.dropFirst(2)), registry: registry)
                } else if argument.hasPrefix("--error-limit=") {
                    result.applyErrorLimit(String(argument.dropFirst("--error-limit=".count)))
                } else {
                    result.remainingArguments.append(argument)
                }
            }
        }
        return result
    }
}

extension DiagnosticOptions.ParseResult {
    fileprivate mutating func applyWarningOption(_ value: String, registry: [DiagnosticID]) {
        if value == "error" {
            options.warningsAsErrors = true
        } else if value.hasPrefix("no-"), value.count > 3 {
            if let error = options.silence(String(value.dropFirst(3)), registry: registry) {
                usageErrors.append(error)
            }
        } else {
            usageErrors.append(Diagnostic(.invalidWarningOption("-W " + value), at: nil))
        }
    }

    fileprivate mutating func applyErrorLimit(_ value: String) {
        guard let limit = Int(value), limit >= 0 else {
            usageErrors.append(Diagnostic(.invalidErrorLimit(value), at: nil))
            return
        }
        options.errorLimit = limit
    }
}

// MARK: - Applying

extension DiagnosticOptions {
    /// Returns the diagnostics to report, in their order: silenced warnings
    /// and notes removed, warnings raised to errors under `-Werror`, and the
    /// list cut before the error after the limit, with a note that counts
    /// what was cut.
    public func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        let reported = diagnostics
            .filter { $0.severity == .error || !silencedNames.contains($0.id.name) }
            .map(raisingWarning)
        return limitingErrors(reported)
    }

    private func raisingWarning(_ diagnostic: Diagnostic) -> Diagnostic {
        guard warningsAsErrors, diagnostic.severity == .warning else { return diagnostic }
        var raised = diagnostic
        raised.severity = .error
        raised.notes.append(Note("warning treated as an error because of '-Werror'; silence it with '-W no-\(diagnostic.id.name)'"))
        return raised
    }

    private func limitingErrors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard errorLimit > 0 else { return diagnostics }
        var errors = 0
        for (index, diagnostic) in diagnostics.enumerated() where diagnostic.severity == .error {
            errors += 1
            guard errors > errorLimit else { continue }

            let cut = diagnostics[index...]
            let message = DiagnosticMessage.errorLimitReached(
                limit: errorLimit,
                moreErrors: cut.count { $0.severity == .error },
                moreWarnings: cut.count { $0.severity == .warning }
            )
            return Array(diagnostics[..<index]) + [Diagnostic(message, at: nil)]
        }
        return diagnostics
    }
}
