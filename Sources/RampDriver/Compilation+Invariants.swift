import RampChecks
import RampDiagnostics
import RampIR
import RampKube
import RampLowering

extension Compilation {
    /// Proves every invariant on the generated policies and reports each violation as an error.
    func checkInvariants(_ program: Program, plan: PolicyPlan, policies: [NetworkPolicy]) {
        guard !program.invariants.isEmpty else { return }
        do {
            let analysis = try AssertionAnalysis(
                program: program, policies: policies, sources: GeneratedPolicySources(plan: plan, program: program),
                policiesDescription: "the generated policies"
            )
            analysis.checkInvariants(into: diagnostics)
        } catch {
            // Selectors that combine into too many label classes make every
            // invariant unprovable, so the message points at the first one.
            diagnostics.emit(error.diagnosticMessage, at: error.labelClassLimit == nil ? nil : program.invariants.first?.origin)
        }
    }
}
