import RampDiagnostics
import RampIR

/// Warns about `dns off` in a namespace whose egress-isolated pods call a
/// service. Pods reach a service through its Service's DNS name, and with
/// DNS off an isolated pod cannot look the name up, so the call fails even
/// though a dependency allows it.
///
/// A service that is the client of a dependency is egress-isolated. So is
/// every pod of a namespace whose posture denies egress, which matters when
/// the client of a dependency is the namespace, a set of namespaces or the
/// cluster.
struct DNSOffCheck: SemanticCheck {
    let name = "dns-off-blocks-lookups"

    func run(_ context: CheckContext) {
        let dependencies = context.dependenciesInSourceOrder
        for namespace in context.program.namespaces where !namespace.dnsEnabled {
            guard let dnsOrigin = namespace.dnsOrigin else { continue }
            let call = dependencies.first { dependency in
                guard case .service = dependency.server else { return false }
                return isolatedClient(dependency.client, in: namespace, context.program)
            }
            guard let call, case .service(let server) = call.server else { continue }
            let serverName = server.namespace == namespace.name ? server.name : server.description
            let client = call.clientOrigin?.text ?? context.describe(call.client)
            context.diagnostics.emit(
                .dnsOffBlocksLookups(namespace: namespace.name, client: client, server: serverName), at: dnsOrigin,
                notes: [Note("'\(client)' calls '\(serverName)' here", at: call.origin)],
                fixIts: [FixIt("remove 'dns off'", replacing: Removal.statement(dnsOrigin), with: "")]
            )
        }
    }

    private func isolatedClient(_ client: Endpoint, in namespace: Namespace, _ program: Program) -> Bool {
        if case .service(let id) = client { return id.namespace == namespace.name }
        return namespace.posture.contains(.egress) && program.endpoint(client, containsNamespace: namespace.name)
    }
}
