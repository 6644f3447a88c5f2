import RampIR
import RampLowering

extension ClusterProfile {
    /// Returns whether a mix of the same contracts and parts compiles to the
    /// same policies under this profile and under `other`, once the settings
    /// that a build substitutes (DNS, API server, IP families) come from one
    /// of them.
    ///
    /// The other settings must match, except two that no policy reads: the
    /// profile's name, which only messages give, and the Kubernetes version,
    /// which only selects the passes of the lowering. Two versions that
    /// select the same passes, such as 1.29 and 1.30, build the same policies.
    func lowersAlike(_ other: ClusterProfile) -> Bool {
        podNetworks == other.podNetworks && nodeNetworks == other.nodeNetworks && enforcesSCTP == other.enforcesSCTP
            && enforcesPortRanges == other.enforcesPortRanges && passNames == other.passNames
    }

    /// The passes that a mix compiles with, as `MixedBuilds.compile` selects them.
    private var passNames: [String] {
        Pipeline.passes(level: .standard, kubernetesVersion: kubernetesVersion ?? .defaultTarget, portRangesEnforced: enforcesPortRanges)
            .map(\.name)
    }
}
