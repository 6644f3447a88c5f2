import Foundation
import RampDiagnostics

/// The subject of `ramp explain`.
struct ExplainOptions {
    enum Subject: Equatable {
        /// A diagnostic code such as `RAMP0201`.
        case code(String)
        /// A line of a generated YAML file, explained through its source map.
        case yamlLine(path: String, line: Int)
        /// A connection between two ends, checked against the contracts.
        case connection(inputs: [String], from: String, to: String)
    }

    var subject: Subject
    /// The environment whose build decides a connection, as `--env` gives
    /// it to `ramp build`. Nil for the build without environments.
    var environment: String?
}

extension CommandLineOptions {
    /// Parses the three forms of `ramp explain`:
    ///
    ///     ramp explain RAMP0201
    ///     ramp explain generated/shop.yaml:17
    ///     ramp explain contracts --from shop/web --to shop/api:8080
    ///     ramp explain contracts 'shop/web -> shop/api:8080'
    ///
    /// The arrow form needs quotes in a shell, where `>` redirects output.
    static func parseExplain(_ arguments: [String]) throws(UsageError) -> Command {
        if arguments.contains("-h") || arguments.contains("--help") { return .help(Usage.explain) }

        var reader = ArgumentReader(arguments: arguments)
        var from: String?
        var to: String?
        var environment: String?
        var rest: [String] = []
        while let argument = reader.next() {
            switch argument {
            case "--from": from = try reader.singleValue(for: argument, current: from)
            case "--to": to = try reader.singleValue(for: argument, current: to)
            case "--env": environment = try reader.singleValue(for: argument, current: environment)
            default:
                guard !argument.hasPrefix("-") || argument == "->" || argument == "-" else {
                    throw UsageError(message: "unknown option \(QuotedText.quote(argument)) for 'ramp explain'; run 'ramp explain --help'")
                }
                rest.append(argument)
            }
        }

        let subject = try subject(rest, from: from, to: to)
        if environment != nil {
            guard case .connection = subject else {
                throw UsageError(message: "'--env' chooses the build that decides a connection; give it with '--from' and '--to' or an arrow")
            }
        }
        return .explain(ExplainOptions(subject: subject, environment: environment))
    }

    private static func subject(_ rest: [String], from: String?, to: String?) throws(UsageError) -> ExplainOptions.Subject {
        // An arrow beside '--from' and '--to' would otherwise be read as a contract path.
        if from != nil || to != nil, rest.contains(where: { $0.contains("->") }) {
            throw UsageError(message: "'ramp explain' takes a connection either as '--from' and '--to' or as an arrow such as 'shop/web -> shop/api:8080', not both")
        }
        if let from, let to {
            return try connection(inputs: rest, from: from, to: to)
        }
        guard from == nil, to == nil else {
            throw UsageError(message: "'ramp explain' needs both '--from' and '--to' to explain a connection")
        }
        if let arrow = rest.firstIndex(where: { $0.contains("->") }) {
            return try arrowConnection(rest, arrow: arrow)
        }
        guard rest.count == 1 else {
            throw UsageError(message: "'ramp explain' takes a code, a YAML line or a connection; run 'ramp explain --help'")
        }
        return try single(rest[0])
    }

    private static func connection(inputs: [String], from: String, to: String) throws(UsageError) -> ExplainOptions.Subject {
        guard !inputs.isEmpty else {
            throw UsageError(message: "'ramp explain' requires the contract files or directories that define the connection")
        }
        return .connection(inputs: inputs, from: from, to: to)
    }

    /// Accepts `A -> B` as one argument, or as three with `->` alone.
    private static func arrowConnection(_ arguments: [String], arrow: Int) throws(UsageError) -> ExplainOptions.Subject {
        var inputs = arguments
        if arguments[arrow] == "->" {
            guard arrow > 0, arrow + 1 < arguments.count else {
                throw UsageError(message: "'->' needs a client before it and a server after it, such as 'shop/web -> shop/api:8080'")
            }
            inputs.removeSubrange((arrow - 1)...(arrow + 1))
            return try connection(inputs: inputs, from: arguments[arrow - 1], to: arguments[arrow + 1])
        }
        let parts = arguments[arrow].components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw UsageError(message: "invalid connection \(QuotedText.quote(arguments[arrow])); write it as 'shop/web -> shop/api:8080'")
        }
        inputs.remove(at: arrow)
        return try connection(inputs: inputs, from: parts[0], to: parts[1])
    }

    /// Returns a code, such as `RAMP0201`, or a YAML line, `PATH:LINE`.
    private static func single(_ argument: String) throws(UsageError) -> ExplainOptions.Subject {
        let upper = argument.uppercased()
        if upper.hasPrefix("RAMP"), upper.dropFirst(4).allSatisfy(\.isNumber), upper.count > 4 {
            return .code(argument)
        }
        if let colon = argument.lastIndex(of: ":"), let line = Int(argument[argument.index(after: colon)...]), line > 0,
           colon > argument.startIndex {
            return .yamlLine(path: String(argument[..<colon]), line: line)
        }
        throw UsageError(
            message: "invalid argument \(QuotedText.quote(argument)) for 'ramp explain'; give a code such as RAMP0201 or a YAML line such as generated/shop.yaml:17"
        )
    }
}
