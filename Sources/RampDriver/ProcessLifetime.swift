/// Values kept alive until the process exits, so that the `ramp`
/// executable does not free the many small objects of a large build one by
/// one just before it exits, as clang's `-disable-free` does. A caller that
/// runs many builds in one process, such as the tests, leaves
/// `Driver.keepsResultsUntilExit` off.
enum ProcessLifetime {
    /// Written only by `Driver.run`, which runs on one thread.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}
