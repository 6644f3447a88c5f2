import Dispatch
import RampDiagnostics
import RampIR
import RampSema
import RampSyntax

/// The semantic checks of a program, running on another thread from
/// creation until `wait()` returns their diagnostics. The checks report to
/// an engine of their own, because an engine is not safe to share.
final class BackgroundChecks: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written by the checks' thread before it leaves the group, and read
    /// only after `group.wait()`, which orders the two accesses.
    private var diagnostics: [Diagnostic] = []

    init(program: Program, files: [ContractFile]) {
        DispatchQueue.global().async(group: group) {
            let engine = DiagnosticEngine()
            SemanticChecks.run(program, files: files, diagnostics: engine)
            self.diagnostics = engine.diagnostics
        }
    }

    /// Waits for the checks to finish and returns their diagnostics in the order they were emitted.
    func wait() -> [Diagnostic] {
        group.wait()
        return diagnostics
    }
}
