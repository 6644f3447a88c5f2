import Dispatch
import RampIR

/// The origins list of each dependency's rules: the `path:line:column` of
/// the dependency's target, in a one-element array that the ingress and the
/// egress rule of the dependency share.
///
/// Formatting a location is the largest cost of lowering a dependency, and
/// each one depends only on its own dependency, so the lists are made on
/// all cores. The result does not depend on the schedule.
enum DependencyOrigins {
    /// Dependencies per work item: enough that scheduling costs little next
    /// to formatting. The value is an estimate, measured on two cores only.
    static let dependenciesPerWorkItem = 1024

    /// Returns the origins list of each dependency, in the order of `dependencies`.
    static func origins(of dependencies: [Dependency]) -> [[String]] {
        let count = dependencies.count
        let itemCount = (count + dependenciesPerWorkItem - 1) / dependenciesPerWorkItem
        return [[String]](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            // Safe to share: each work item initializes a disjoint index
            // range, and `concurrentPerform` returns only after all finish.
            nonisolated(unsafe) let shared = buffer
            let formatRange: @Sendable (Range<Int>) -> Void = { range in
                for index in range {
                    (shared.baseAddress! + index).initialize(to: [dependencies[index].origin.locationDescription])
                }
            }
            if itemCount > 1 {
                DispatchQueue.concurrentPerform(iterations: itemCount) { item in
                    let start = item * dependenciesPerWorkItem
                    formatRange(start..<min(start + dependenciesPerWorkItem, count))
                }
            } else {
                formatRange(0..<count)
            }
            initializedCount = count
        }
    }
}
