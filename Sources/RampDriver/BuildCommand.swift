import RampKube
import RampDiagnostics
import RampSource

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
        compilation.keepsIntermediateResults = sources.reduce(0) { $0 + $1.bytes.count } <= Compilation.largeInputBytes
        if compilation.diagnostics.hasErrors {
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        compilation.compile(sources)
        // A large build allocates millions of small objects, and freeing them one
        // by one just before the process exits takes a noticeable share of it.
        defer { ProcessLifetime.keep(compilation) }
        let report = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
        guard !report.hasErrors, let program = compilation.program else {
            return .failure(reporting: report.diagnostics)
        }

        if options.layout == .kustomize, program.namespace(named: "kustomization") != nil {
            let reason = "namespace 'kustomization' would overwrite the kustomization file; use '--layout plain'"
            _ = driver.emit([Diagnostic(.outputUnwritable(Kustomization.fileName, reason: reason), at: nil)], reporting: options.reporting)
            return .usageOrIOError
        }
        let files = ManifestLayout.manifestFiles(
            compilation.renderedPolicies, program: program, version: Driver.version, layout: options.layout, addingMetadata: true
        )
        defer { ProcessLifetime.keep(files) }
        let directory = options.outputDirectory!
        do {
            try OutputWriter(directory: directory).write(files)
            // The files hash their objects as they are written, so the source
            // maps hash them again. That costs time only when they are requested.
            let maps = options.writeSourceMaps
                ? ManifestLayout.sourceMaps(BuildCommand.outputPolicies(compilation).map(\.policy), program: program, version: Driver.version) : [:]
            try SourceMapWriter(directory: directory).write(maps)
        } catch {
            _ = driver.emit([error.diagnostic], reporting: options.reporting)
            return .usageOrIOError
        }
        if options.printStatistics {
            driver.inform(BuildStatistics(program: program, kubernetesVersion: compilation.kubernetesVersion).table, reporting: options.reporting)
        }
        let count = compilation.renderedPolicies.count
        let summary = "wrote \(count) NetworkPolic\(count == 1 ? "y" : "ies") in \(files.count) file\(files.count == 1 ? "" : "s") to \(directory)\n"
        driver.inform(summary, reporting: options.reporting)
        return .success
    }

    /// Returns the objects as written: with ramp's label and the contract
    /// hash, added by `GeneratedMetadata.apply` as the build's files add
    /// them, so that the YAML, its source maps and `ramp check` all describe
    /// the same lines.
    static func outputPolicies(_ compilation: Compilation) -> [RenderedPolicy] {
        compilation.renderedPolicies.concurrentMap(GeneratedMetadata.apply)
    }
}
