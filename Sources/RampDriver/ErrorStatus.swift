import RampDiagnostics

extension Driver.ExitStatus {
    /// Returns the status of a run that reported `diagnostics` with errors among
    /// them. An `--env` that names no declared environment is known only once
    /// the contracts are read, yet it is a mistake on the command line, so a
    /// run whose only errors are of that kind exits as a usage error does.
    static func failure(reporting diagnostics: [Diagnostic]) -> Self {
        let errors = diagnostics.filter { $0.severity == .error }
        let commandLineOnly = !errors.isEmpty && errors.allSatisfy { $0.id == .unknownEnvironment && $0.range == nil }
        return commandLineOnly ? .usageOrIOError : .contractErrors
    }
}
