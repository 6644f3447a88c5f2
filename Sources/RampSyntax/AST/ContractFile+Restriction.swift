extension ContractFile {
    /// Returns the file with only the namespace declarations at `indices`,
    /// in ascending order, each with only the members that `keeps` accepts.
    /// Networks, profiles, parameters and environments stay as they are.
    ///
    /// A build that needs the policies of a few namespaces compiles such a
    /// restriction instead of every namespace.
    public func restricted(toNamespacesAt indices: [Int], keeping keeps: (NamespaceDecl, NamespaceMember) -> Bool) -> ContractFile {
        let declarations = indices.sorted().map { index in
            let declaration = namespaces[index]
            return NamespaceDecl(
                name: declaration.name, labels: declaration.labels,
                members: declaration.members.filter { keeps(declaration, $0) }, range: declaration.range
            )
        }
        return ContractFile(
            source: source, namespaces: declarations, networks: networks, profiles: profiles, parameters: parameters, environments: environments
        )
    }
}
