import RampIR
import RampSource

/// The origins list of each dependency's rules: the `path:line:column` of
/// the dependency's target, in a one-element array that the ingress and the
/// egress rule of the dependency share.
///
/// Formatting a location is the largest cost of lowering a dependency, and
/// each one depends only on its own dependency, so the lists are made on
/// all cores.
enum DependencyOrigins {
    /// Dependencies per work item: enough that scheduling costs little next
    /// to formatting. The value is an estimate, not tuned.
    static let dependenciesPerWorkItem = 1024

    /// Returns the origins list of each dependency, in the order of `dependencies`.
    static func origins(of dependencies: [Dependency]) -> [[String]] {
        ConcurrentIndices.map(count: dependencies.count, itemSize: dependenciesPerWorkItem) { index in
            [dependencies[index].origin.locationDescription]
        }
    }
}
