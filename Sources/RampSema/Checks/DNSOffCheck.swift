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
        // The calls are collected only when some namespace turns DNS off.
        let namespacesWithoutDNS = context.program.namespaces.filter { !$0.dnsEnabled && $0.dnsOrigin != nil }
        guard !namespacesWithoutDNS.isEmpty else { return }
        let dependencies = context.dependenciesInSourceOrder
        let calls = Calls(dependencies)
        for namespace in namespacesWithoutDNS {
            guard let dnsOrigin = namespace.dnsOrigin else { continue }
            guard let position = firstCall(in: namespace, calls: calls, dependencies, context.program) else { continue }
            let call = dependencies[position]
            guard case .service(let server) = call.server else { continue }
            let serverName = server.namespace == namespace.name ? server.name : server.description
            let client = call.clientOrigin?.text ?? context.describe(call.client)
            context.diagnostics.emit(
                .dnsOffBlocksLookups(namespace: namespace.name, client: client, server: serverName), at: dnsOrigin,
                notes: [Note("\(QuotedText.quote(client)) calls \(QuotedText.quote(serverName)) here", at: call.origin)],
                fixIts: [FixIt("remove 'dns off'", replacing: Removal.statement(dnsOrigin), with: "")]
            )
        }
    }

    /// The positions, in source order, of the dependencies whose server is a
    /// service. Of those with a service client only the first of each client
    /// namespace is kept, and every one with a wider client is kept. A
    /// namespace is checked against these instead of every dependency.
    private struct Calls {
        var firstByClientNamespace: [String: Int] = [:]
        var fromWiderClients: [Int] = []

        init(_ dependencies: SourceOrderedDependencies) {
            for (position, dependency) in dependencies.enumerated() {
                guard case .service = dependency.server else { continue }
                if case .service(let client) = dependency.client {
                    if firstByClientNamespace[client.namespace] == nil { firstByClientNamespace[client.namespace] = position }
                } else {
                    fromWiderClients.append(position)
                }
            }
        }
    }

    /// Returns the position of the first dependency in source order by which
    /// an egress-isolated pod of `namespace` calls a service.
    private func firstCall(in namespace: Namespace, calls: Calls, _ dependencies: SourceOrderedDependencies, _ program: Program) -> Int? {
        let fromService = calls.firstByClientNamespace[namespace.name]
        let bound = fromService ?? .max
        let fromWider = calls.fromWiderClients.first { position in
            position < bound && isolatedClient(dependencies[position].client, in: namespace, program)
        }
        return fromWider ?? fromService
    }

    private func isolatedClient(_ client: Endpoint, in namespace: Namespace, _ program: Program) -> Bool {
        if case .service(let id) = client { return id.namespace == namespace.name }
        return namespace.posture.contains(.egress) && program.endpoint(client, containsNamespace: namespace.name)
    }
}
