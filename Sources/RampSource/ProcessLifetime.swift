/// Values kept alive until the process exits, so that the `ramp`
/// executable does not free the many small objects of a large run one by
/// one just before it exits, as clang's `-disable-free` does. On 1 MB of
/// contracts with two environments, freeing took 3 of the 9.6 seconds of
/// `ramp check`.
///
/// Only the executable turns keeping on, through
/// `Driver.keepsResultsUntilExit`. Callers that run many commands in one
/// process, such as the tests, leave it off, and then nothing is kept.
public enum ProcessLifetime {
    /// Set once before the first command runs, and read on its thread.
    nonisolated(unsafe) public static var keepsValuesUntilExit = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps the values until the process exits when keeping is on. Called
    /// only on the thread that runs the command.
    public static func keep(_ values: Any...) {
        guard keepsValuesUntilExit else { return }
        kept.append(contentsOf: values)
    }
}
