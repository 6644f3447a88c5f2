import RampDiagnostics
import RampEvaluator

extension PolicyValidationError {
    /// The message for a failed evaluation: an invalid policy, or selectors
    /// that combine into more label classes than the evaluator affords.
    public var diagnosticMessage: DiagnosticMessage {
        if let labelClassLimit { return .policiesTooComplex(limit: labelClassLimit) }
        return .policiesNotEvaluable(policy, field: field, reason: reason)
    }
}
