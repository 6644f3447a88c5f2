import RampDiagnostics
import RampIR
import RampKube

/// Warns about a service that no dependency names, as client or as server,
/// and no `expect`, `never` or `only` statement names either: a service that
/// only an assertion names is declared to be checked, not to be connected.
/// Services that a dependency with `only in` names count as used in every
/// build, because that dependency applies in another one.
///
/// No rule selects its pods and none admits them by name, so the
/// declaration has no effect, or, in a namespace whose posture denies a
/// direction, its pods can open or accept no connection in it. Either way
/// a dependency was most likely forgotten.
struct UnusedServiceCheck: SemanticCheck {
    let name = "unused-service"

    func run(_ context: CheckContext) {
        // The dependency index already contains the services that dependencies
        // name, so the set collects only those named elsewhere.
        var named: Set<ServiceID> = []
        let assertionEndpoints = context.program.expectations.flatMap { [$0.client, $0.server] }
            + context.program.invariants.flatMap { $0.clients + [$0.server] }
        for case .service(let id) in assertionEndpoints { named.insert(id) }
        // A dependency with `only in` names its services in other builds.
        named.formUnion(context.syntax.servicesInScopedDependencies)
        for namespace in context.program.namespaces {
            for service in namespace.services where !named.contains(service.id) && !context.dependencyIndex.namesService(service.id) {
                context.diagnostics.emit(
                    .unusedService(service.id.name, namespace: namespace.name), at: service.origin,
                    notes: postureNote(service, namespace, context.program).map { [$0] } ?? []
                )
            }
        }
    }

    /// Points at a posture that denies ingress when no dependency, not even
    /// a namespace-wide one, lets a connection reach the service's pods.
    private func postureNote(_ service: Service, _ namespace: Namespace, _ program: Program) -> Note? {
        guard namespace.posture.contains(.ingress), let origin = namespace.postureOrigin else { return nil }
        let reached = program.dependencies.contains { program.endpoint($0.server, containsPodsOf: service.id) }
        guard !reached else { return nil }
        return Note("namespace \(QuotedText.quote(namespace.name)) denies ingress here, so no connection can reach the pods of \(QuotedText.quote(service.id.name))", at: origin)
    }
}
