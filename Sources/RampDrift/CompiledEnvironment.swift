import RampIR
import RampKube

/// An environment that the caller already compiled, without substitutions,
/// at the standard optimization level and its profile's Kubernetes version.
/// A comparison takes it instead of compiling the environment again.
public struct CompiledEnvironment: Sendable {
    public let program: Program
    public let policies: [NetworkPolicy]

    public init(program: Program, policies: [NetworkPolicy]) {
        self.program = program
        self.policies = policies
    }
}
