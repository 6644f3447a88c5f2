import RampKube

/// Turns atoms of a `ClusterAbstraction` into endpoint classes and into
/// concrete endpoints that the evaluator can check.
///
/// An atom takes part in many differences, and naming it or choosing its
/// labels reads every key of its label space, so each is done once per atom.
struct AtomEndpoints: Sendable {
    let abstraction: ClusterAbstraction
    private var classes: [Int: EndpointClass] = [:]
    private var labels: [Int: [String: String]] = [:]

    init(abstraction: ClusterAbstraction) {
        self.abstraction = abstraction
    }

    mutating func endpointClass(of atom: Int) -> EndpointClass {
        if let known = classes[atom] { return known }
        let named = makeEndpointClass(of: atom)
        classes[atom] = named
        return named
    }

    private func makeEndpointClass(of atom: Int) -> EndpointClass {
        if abstraction.isAddress(atom) {
            let address = abstraction.addressAtom(atom)
            return EndpointClass(kind: .addresses(
                first: IPAddress(family: address.family, value: address.first),
                last: IPAddress(family: address.family, value: address.last)
            ))
        }
        let namespace = abstraction.namespaceClasses[abstraction.podAtoms[atom].namespaceClass]
        return EndpointClass(kind: .pods(namespaceLabels: namespace.description, podLabels: abstraction.podLabelDescription(of: atom)))
    }

    /// Concrete endpoints of two atoms: an atom's first address, or a pod
    /// named `source` or `destination` with the atom's representative labels
    /// in a representative namespace. The destination gets `containerPorts`.
    mutating func endpoints(source: Int, destination: Int, containerPorts: [ContainerPort]) -> (Endpoint, Endpoint) {
        var namespaces: (Namespace?, Namespace?) = (nil, nil)
        if !abstraction.isAddress(source) && !abstraction.isAddress(destination) {
            namespaces = abstraction.representativeNamespaces(
                source: abstraction.podAtoms[source].namespaceClass,
                destination: abstraction.podAtoms[destination].namespaceClass
            )
        }
        return (
            endpoint(of: source, namespace: namespaces.0, podName: "source", containerPorts: []),
            endpoint(of: destination, namespace: namespaces.1, podName: "destination", containerPorts: containerPorts)
        )
    }

    private mutating func endpoint(of atom: Int, namespace: Namespace?, podName: String, containerPorts: [ContainerPort]) -> Endpoint {
        if abstraction.isAddress(atom) {
            let address = abstraction.addressAtom(atom)
            return .ipAddress(IPAddress(family: address.family, value: address.first))
        }
        let namespaceClass = abstraction.namespaceClasses[abstraction.podAtoms[atom].namespaceClass]
        let chosen = namespace ?? Namespace(name: namespaceClass.candidateNames[0], labels: namespaceClass.labels)
        return .pod(Pod(name: podName, namespace: chosen, labels: representativeLabels(of: atom), containerPorts: containerPorts))
    }

    private mutating func representativeLabels(of atom: Int) -> [String: String] {
        if let known = labels[atom] { return known }
        let chosen = abstraction.representativeLabels(of: atom)
        labels[atom] = chosen
        return chosen
    }
}
