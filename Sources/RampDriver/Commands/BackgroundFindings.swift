import RampDiagnostics

/// Diagnostics that steps of `ramp check` compute on other threads while
/// later steps run. Comparing generated files mostly waits on the file
/// system, so it overlaps well with the drift check, which uses one core
/// for most of its time.
///
/// Each task belongs to the step that started it, and its diagnostics are
/// reported after that step's own, as if the step had waited for it.
final class BackgroundFindings {
    private var tasks: [(step: Int, task: BackgroundTask<[Diagnostic]>)] = []
    /// The index of the step that is running, set by `CheckCommand`.
    var currentStep = 0

    /// Starts `work`, which reports into an engine of its own.
    func start(_ work: @escaping @Sendable (DiagnosticEngine) -> Void) {
        let task = BackgroundTask {
            let diagnostics = DiagnosticEngine()
            work(diagnostics)
            return diagnostics.diagnostics
        }
        tasks.append((currentStep, task))
    }

    /// Waits for the tasks of one step and returns their diagnostics in the
    /// order the tasks were started.
    func diagnostics(ofStep step: Int) -> [Diagnostic] {
        tasks.filter { $0.step == step }.flatMap { $0.task.wait() }
    }
}
