import RampSyntax

/// The profiles, parameters and environments of all files, by name.
struct EnvironmentDeclarations {
    var profiles: [String: ProfileDecl] = [:]
    var parameters: [String: ParameterDecl] = [:]
    var environments: [String: EnvironmentDecl] = [:]
}
