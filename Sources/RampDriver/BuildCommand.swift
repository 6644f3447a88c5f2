import RampDiagnostics

/// `ramp build`: compile the contracts and write one YAML file per namespace.
struct BuildCommand {
    let options: BuildOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        if options.allEnvironments { return AllEnvironmentsBuild(options: options, driver: driver).run() }
        var compilation = Compilation()
        compilation.optimizationLevel = options.optimizationLevel
        compilation.requestedKubernetesVersion = options.kubernetesVersion
        compilation.environment = options.environment
        let sources = ContractInputs.read(options.inputs, diagnostics: compilation.diagnostics)
        if compilation.diagnostics.hasErrors {
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        compilation.compile(sources)
        let report = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
        guard !report.hasErrors, let program = compilation.program else {
            return .contractErrors
        }

        let files = ManifestLayout.render(compilation.policies, program: program, version: Driver.version)
        let directory = options.outputDirectory!
        do {
            try OutputWriter(directory: directory).write(files)
        } catch {
            _ = driver.emit([Diagnostic(.outputUnwritable(error.path, reason: error.reason), at: nil)], reporting: options.reporting)
            return .usageOrIOError
        }
        if options.printStatistics {
            driver.inform(BuildStatistics(program: program, kubernetesVersion: compilation.kubernetesVersion).table, reporting: options.reporting)
        }
        let count = compilation.policies.count
        let summary = "wrote \(count) NetworkPolic\(count == 1 ? "y" : "ies") in \(files.count) file\(files.count == 1 ? "" : "s") to \(directory)\n"
        driver.inform(summary, reporting: options.reporting)
        return .success
    }
}
