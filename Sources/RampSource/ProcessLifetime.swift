import Dispatch

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

    /// Frees the values on another thread, so that freeing their many small
    /// objects overlaps with the rest of the command. Unlike `keep`, it does
    /// not hold memory that later work of the command needs. The caller
    /// passes its last references, with `consume` where a local keeps one.
    public static func release(_ values: consuming [Any]) {
        let released = Released(consume values)
        DispatchQueue.global(qos: .utility).async { released.values = [] }
    }

    /// Lets the values cross to the thread that frees them. Only that
    /// thread touches them after the caller lets go.
    private final class Released: @unchecked Sendable {
        var values: [Any]

        init(_ values: consuming [Any]) {
            self.values = values
        }
    }
}
