import RampDiagnostics

/// `ramp build`: compile the contracts and write one YAML file per namespace.
struct BuildCommand {
    let options: BuildOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        var compilation = Compilation()
        let sources = ContractInputs.read(options.inputs, diagnostics: compilation.diagnostics)
        if compilation.diagnostics.hasErrors {
            report(compilation.diagnostics)
            return .usageOrIOError
        }

        compilation.compile(sources)
        guard !compilation.diagnostics.hasErrors, let program = compilation.program else {
            report(compilation.diagnostics)
            return .contractErrors
        }

        let manifests = ManifestLayout.manifests(compilation.policies, program: program, version: Driver.version)
        ObjectLimits.check(manifests, diagnostics: compilation.diagnostics)
        report(compilation.diagnostics)
        guard !compilation.diagnostics.hasErrors else { return .contractErrors }

        let files = ManifestLayout.files(manifests)
        let directory = options.outputDirectory!
        do {
            try OutputWriter(directory: directory).write(files)
        } catch {
            report([error.diagnostic])
            return .usageOrIOError
        }
        if driver.keepsResultsUntilExit { ProcessLifetime.keep(compilation, manifests) }
        let objectCount = compilation.policies.count
        driver.standardOutput("wrote \(objectCount) NetworkPolic\(objectCount == 1 ? "y" : "ies") in \(files.count) file\(files.count == 1 ? "" : "s") to \(directory)\n")
        return .success
    }

    private func report(_ engine: DiagnosticEngine) {
        report(engine.sorted())
    }

    private func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let renderer = driver.renderer(for: options.color)
        driver.standardError(renderer.render(diagnostics))
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        if errors + warnings > 0 {
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            driver.standardError(parts.joined(separator: " and ") + " generated.\n")
        }
    }
}
