extension ContractFile {
    /// Returns the file with only the namespaces that `namespace` returns a
    /// member filter for, each with only the members that filter keeps.
    /// Networks, profiles, parameters and environments stay as they are.
    ///
    /// A build that needs the policies of a few namespaces compiles such a
    /// restriction instead of every namespace.
    public func restricted(to namespace: (NamespaceDecl) -> ((NamespaceMember) -> Bool)?) -> ContractFile {
        let kept = namespaces.compactMap { declaration -> NamespaceDecl? in
            guard let keeps = namespace(declaration) else { return nil }
            return NamespaceDecl(
                name: declaration.name, labels: declaration.labels, members: declaration.members.filter(keeps), range: declaration.range
            )
        }
        return ContractFile(
            source: source, namespaces: kept, networks: networks, profiles: profiles, parameters: parameters, environments: environments
        )
    }
}
