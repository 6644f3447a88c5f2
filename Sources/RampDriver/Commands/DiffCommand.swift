import RampChecks
import RampDiagnostics
import RampSource

/// `ramp diff`: compile two versions of the contracts and report what
/// changes in the connections their policies allow, in their invariants
/// and in the generated objects.
struct DiffCommand {
    let options: DiffOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        var old = makeCompilation()
        var new = makeCompilation()

        let oldLabel: String
        let oldSources: [SourceFile]
        let newPaths: [String]
        if let base = options.base {
            newPaths = options.paths
            oldLabel = "\(base):" + options.paths.joined(separator: ", ")
            oldSources = GitContracts.read(options.paths, revision: base, diagnostics: old.diagnostics)
        } else {
            newPaths = [options.paths[1]]
            oldLabel = options.paths[0]
            oldSources = ContractInputs.read([options.paths[0]], diagnostics: old.diagnostics)
        }
        let newSources = ContractInputs.read(newPaths, diagnostics: new.diagnostics)
        if old.diagnostics.hasErrors || new.diagnostics.hasErrors {
            _ = driver.emit(old.diagnostics.sorted() + new.diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        old.compile(oldSources)
        new.compile(newSources)
        defer { ProcessLifetime.keep(old, new) }
        let report = driver.emit(
            DiffCommand.merged(old: old.diagnostics.sorted(), oldLabel: oldLabel, new: new.diagnostics.sorted(), newLabel: newPaths.joined(separator: ", ")),
            reporting: options.reporting
        )
        guard !report.hasErrors, let oldProgram = old.program, let oldPlan = old.plan,
              let newProgram = new.program, let newPlan = new.plan else {
            return .failure(reporting: report.diagnostics)
        }

        let diff: ContractDiff
        do {
            diff = try ContractDiff(
                old: ContractVersion(program: oldProgram, plan: oldPlan, label: oldLabel),
                new: ContractVersion(program: newProgram, plan: newPlan, label: newPaths.joined(separator: ", "))
            )
        } catch {
            _ = driver.emit([Diagnostic(error.diagnosticMessage, at: nil)],
                            reporting: options.reporting)
            return .contractErrors
        }

        defer { ProcessLifetime.keep(diff) }
        driver.standardOutput(options.format == .markdown ? DiffReport.markdown(diff) : DiffReport.text(diff))
        if options.failOn == .widen && !diff.addedConnections.isEmpty {
            let count = diff.addedConnections.count
            driver.standardError("ramp: error: the new contracts add \(count) connection\(count == 1 ? "" : "s"), and '--fail-on widen' is set\n")
            return .contractErrors
        }
        return .success
    }

    private func makeCompilation() -> Compilation {
        var compilation = Compilation()
        options.compile.configure(&compilation)
        // A diff reports changes, so a violated invariant in either version is no error here.
        compilation.checksInvariants = false
        return compilation
    }

    /// Returns the diagnostics of both versions. A diagnostic that belongs
    /// to no file, such as an unknown `--env`, is printed once when both
    /// versions report it. When only one version reports it, a note names
    /// that version, because the message alone does not say which one failed.
    static func merged(old: [Diagnostic], oldLabel: String, new: [Diagnostic], newLabel: String) -> [Diagnostic] {
        func key(_ diagnostic: Diagnostic) -> String { "\(diagnostic.id.code)\u{0}\(diagnostic.message)" }
        let oldKeys = Set(old.filter { $0.range == nil }.map(key))
        let newKeys = Set(new.filter { $0.range == nil }.map(key))

        func labelled(_ diagnostic: Diagnostic, version: String, label: String, otherKeys: Set<String>) -> Diagnostic {
            guard diagnostic.range == nil, !otherKeys.contains(key(diagnostic)) else { return diagnostic }
            var labelled = diagnostic
            labelled.notes.insert(Note("in the \(version) contracts, \(label)"), at: 0)
            return labelled
        }
        let oldDiagnostics = old.map { labelled($0, version: "old", label: oldLabel, otherKeys: newKeys) }
        let newDiagnostics = new
            .filter { $0.range != nil || !oldKeys.contains(key($0)) }
            .map { labelled($0, version: "new", label: newLabel, otherKeys: oldKeys) }
        return oldDiagnostics + newDiagnostics
    }
}
