import Foundation
import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSource
import RampSyntax

/// Compiles the same contracts once without `--env` and once for each
/// declared environment, as `ramp build --all-environments` and
/// `ramp check` do.
struct EnvironmentBuilds {
    /// The build without `--env` first, then one per environment by name.
    let compilations: [(environment: String?, compilation: Compilation)]
    /// The diagnostics of every build, each reported once although every
    /// build finds the mistakes in shared statements again.
    let diagnostics: [Diagnostic]

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The parsed files of the build without `--env`, empty when they do not parse.
    var contractFiles: [ContractFile] { compilations.first.map { $0.compilation.contractFiles } ?? [] }

    init(_ sources: [SourceFile], optimizationLevel: OptimizationLevel, kubernetesVersion: KubernetesVersion?) {
        var base = Compilation()
        base.optimizationLevel = optimizationLevel
        base.requestedKubernetesVersion = kubernetesVersion
        base.compile(sources)

        var compilations: [(String?, Compilation)] = [(nil, base)]
        let names = Set(base.contractFiles.flatMap(\.environments).map(\.name.text)).sorted()
        for name in names where KubernetesNames.dns1123LabelError(name) == nil {
            var compilation = Compilation()
            compilation.optimizationLevel = optimizationLevel
            compilation.requestedKubernetesVersion = kubernetesVersion
            compilation.environment = name
            compilation.compile(sources)
            compilations.append((name, compilation))
        }
        self.compilations = compilations
        diagnostics = EnvironmentBuilds.unique(compilations.flatMap { $0.1.diagnostics.sorted() })
    }

    /// Keeps the first of diagnostics with the same code, location and
    /// message, and orders them as `DiagnosticEngine.sorted()` does.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        let kept = diagnostics.filter { diagnostic in
            let location = diagnostic.range.map { "\($0.file.path):\($0.start):\($0.end)" } ?? ""
            return seen.insert("\(diagnostic.id.code)\u{0}\(location)\u{0}\(diagnostic.message)").inserted
        }
        return kept.enumerated().sorted { left, right in
            switch (left.element.range, right.element.range) {
            case (nil, nil): return left.offset < right.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? left.offset < right.offset : l < r
            }
        }.map(\.element)
    }
}
