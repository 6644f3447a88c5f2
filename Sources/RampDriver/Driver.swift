import Foundation
import RampDiagnostics

/// The `ramp` command: parses arguments, runs a command and returns the
/// exit status. Output goes through the two closures so tests can capture it.
public struct Driver {
    public static let version = "0.1.0"

    public enum ExitStatus: Int32 {
        case success = 0
        case contractErrors = 1
        case usageOrIOError = 2
    }

    let standardOutput: (String) -> Void
    let standardError: (String) -> Void
    let environment: [String: String]
    let standardErrorIsTerminal: Bool
    /// Whether a build leaves its results in memory until the process exits
    /// instead of freeing them, which saves time when the process is about
    /// to exit anyway. Only the `ramp` executable turns it on.
    public var keepsResultsUntilExit = false

    public init(
        standardOutput: @escaping (String) -> Void,
        standardError: @escaping (String) -> Void,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        standardErrorIsTerminal: Bool = isatty(STDERR_FILENO) != 0
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.standardErrorIsTerminal = standardErrorIsTerminal
    }

    public func run(_ arguments: [String]) -> ExitStatus {
        let command: Command
        do {
            command = try CommandLineOptions.parse(arguments)
        } catch {
            standardError("ramp: error: \(error.message)\n")
            return .usageOrIOError
        }
        switch command {
        case .help(let text):
            standardOutput(text)
            return .success
        case .version:
            standardOutput("ramp \(Driver.version)\n")
            return .success
        case .build(let options):
            return BuildCommand(options: options, driver: self).run()
        }
    }

    func renderer(for choice: ColorChoice) -> TextRenderer {
        switch choice {
        case .always: return TextRenderer(colored: true)
        case .never: return TextRenderer(colored: false)
        case .auto: return TextRenderer(colored: standardErrorIsTerminal && environment["NO_COLOR"] == nil)
        }
    }
}
