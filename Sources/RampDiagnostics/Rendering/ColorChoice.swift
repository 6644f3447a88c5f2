#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `--color` setting: whether text diagnostics carry ANSI colours.
public enum ColorChoice: String, Sendable, CaseIterable {
    /// Colour when the output is a terminal, unless `NO_COLOR` is set to a
    /// non-empty value or `TERM` is `dumb`.
    case auto
    /// Colour even when the output is a file or a pipe, and despite `NO_COLOR`,
    /// because an explicit flag overrides the environment.
    case always
    case never

    /// Decides whether to colour, given whether the output is a terminal and
    /// the process environment.
    public func resolve(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always:
            return true
        case .never:
            return false
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            let dumbTerminal = environment["TERM"] == "dumb"
            return isTerminal && !noColor && !dumbTerminal
        }
    }

    /// Decides whether to colour output written to `fileDescriptor`, which is
    /// standard output unless the driver writes diagnostics elsewhere.
    public func resolve(fileDescriptor: Int32 = STDOUT_FILENO) -> Bool {
        var environment: [String: String] = [:]
        for name in ["NO_COLOR", "TERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return resolve(isTerminal: isatty(fileDescriptor) != 0, environment: environment)
    }
}
