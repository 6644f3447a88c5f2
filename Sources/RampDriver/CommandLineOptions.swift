/// The parsed command line.
enum Command: Equatable {
    case help(String)
    case version
    case build(BuildOptions)
}

enum ColorChoice: String, Equatable {
    case auto
    case always
    case never
}

struct BuildOptions: Equatable {
    var inputs: [String] = []
    var outputDirectory: String?
    var color: ColorChoice = .auto
}

struct UsageError: Error, Equatable {
    let message: String
}

/// Parses arguments by hand; the toolchain offers no argument parser and
/// ramp takes no package dependencies.
enum CommandLineOptions {
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        guard let first = arguments.first else { return .help(Usage.main) }
        switch first {
        case "-h", "--help", "help": return .help(Usage.main)
        case "--version": return .version
        case "build": return try parseBuild(Array(arguments.dropFirst()))
        default: throw UsageError(message: "unknown command '\(first)'; run 'ramp --help' for the list of commands")
        }
    }

    private static func parseBuild(_ arguments: [String]) throws(UsageError) -> Command {
        var options = BuildOptions()
        var index = 0
        func value(for option: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(message: "option '\(option)' requires a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                return .help(Usage.build)
            case "-o", "--output":
                options.outputDirectory = try value(for: argument)
            case "--color":
                let text = try value(for: argument)
                guard let choice = ColorChoice(rawValue: text) else {
                    throw UsageError(message: "invalid value '\(text)' for '--color'; use auto, always or never")
                }
                options.color = choice
            default:
                guard !argument.hasPrefix("-") || argument == "-" else {
                    throw UsageError(message: "unknown option '\(argument)' for 'ramp build'; run 'ramp build --help'")
                }
                options.inputs.append(argument)
            }
            index += 1
        }
        guard !options.inputs.isEmpty else { throw UsageError(message: "'ramp build' requires at least one contract file or directory") }
        guard options.outputDirectory != nil else { throw UsageError(message: "'ramp build' requires '-o <directory>' for the generated YAML") }
        return .build(options)
    }
}
