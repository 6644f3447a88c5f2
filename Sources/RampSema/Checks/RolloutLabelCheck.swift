import RampDiagnostics
import RampIR
import RampSyntax

/// Warns about a service selector that requires a label whose value changes
/// with every rollout. The selector then matches only the pods of the
/// current rollout, and the contract stops applying to the next one.
///
/// Only `=` and `in` pin a value. `exists`, `!=`, `notin` and `!key` keep
/// matching the next rollout's pods, so they are left alone.
struct RolloutLabelCheck: SemanticCheck {
    let name = "rollout-label"

    /// Label keys whose values change from one rollout to the next. The
    /// Deployment controller sets `pod-template-hash`, a hash of the pod
    /// template of each ReplicaSet. The StatefulSet and DaemonSet controllers
    /// set `controller-revision-hash` for each revision, and Argo Rollouts
    /// sets `rollouts-pod-template-hash`. By convention `version` (Istio) and
    /// `app.kubernetes.io/version` (the Kubernetes recommended labels) carry
    /// the application's version, and `helm.sh/chart` (Helm) the chart's
    /// name and version.
    static let rolloutKeys: Set<String> = [
        "pod-template-hash", "controller-revision-hash", "rollouts-pod-template-hash",
        "version", "app.kubernetes.io/version", "helm.sh/chart",
    ]

    func run(_ context: CheckContext) {
        // Only the services that pin a rollout label are sorted, not all of them.
        let pinning = context.syntax.services.filter { _, service in
            service.selector.requirements.contains(where: pinsRolloutLabel)
        }
        for (_, service) in pinning.sorted(by: { $0.key < $1.key }) {
            let requirements = service.selector.requirements
            for (index, requirement) in requirements.enumerated() where pinsRolloutLabel(requirement) {
                var fixIts: [FixIt] = []
                if requirements.count > 1 {
                    let removal = Removal.listItem(index, of: requirements.map(\.range))
                    fixIts.append(FixIt("remove the requirement", replacing: removal, with: ""))
                }
                context.diagnostics.emit(
                    .rolloutLabel(requirement.key.text, service: service.name.text), at: requirement.range, fixIts: fixIts
                )
            }
        }
    }

    private func pinsRolloutLabel(_ requirement: LabelSyntax) -> Bool {
        guard requirement.operator == .equals || requirement.operator == .in else { return false }
        return RolloutLabelCheck.rolloutKeys.contains(requirement.key.text)
    }
}
