import Foundation
import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax

/// `ramp explain`: the long text of a diagnostic code, the contract
/// statements behind a line of generated YAML, or whether the contracts
/// allow a connection and which statements decide it.
struct ExplainCommand {
    let options: ExplainOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        switch options.subject {
        case .code(let code):
            return explainCode(code)
        case let .yamlLine(path, line):
            return explainLine(line, of: path)
        case let .connection(inputs, from, to):
            return explainConnection(inputs: inputs, from: from, to: to, environment: options.environment)
        }
    }

    private func fail(_ message: String, status: Driver.ExitStatus = .usageOrIOError) -> Driver.ExitStatus {
        driver.standardError("ramp: error: \(message)\n")
        return status
    }

    // MARK: - Codes

    private func explainCode(_ code: String) -> Driver.ExitStatus {
        guard let text = Explanations.text(for: code), let id = DiagnosticID.withCode(code) else {
            return fail("unknown diagnostic code \(QuotedText.quote(code)); codes look like RAMP0201")
        }
        driver.standardOutput("\(id.code) (\(id.name), \(id.severity.rawValue))\n\n\(text)\n")
        return .success
    }

    // MARK: - YAML lines

    private func explainLine(_ line: Int, of path: String) -> Driver.ExitStatus {
        let text: String
        let map: SourceMap
        switch readSourceMap(of: path) {
        case .success(let read): (text, map) = read
        case .failure(let error): return fail(error.message)
        }

        guard line <= map.lineCount else {
            return fail("'\(path)' has \(map.lineCount) lines, so it has no line \(line)")
        }
        let containing = map.mappings
            .filter { $0.firstLine <= line && line <= $0.lastLine }
            .sorted { ($0.lastLine - $0.firstLine) < ($1.lastLine - $1.firstLine) }
        guard !containing.isEmpty else {
            return fail("line \(line) of '\(path)' belongs to no generated object; it is part of the file header or a '---' separator",
                        status: .contractErrors)
        }
        let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        var output = "\(path):\(line): \(lineText.trimmingCharacters(in: .whitespaces))\n"
        for mapping in containing {
            output += "\n" + describe(mapping) + "\n"
            output += sourceLines(mapping.sources)
        }
        driver.standardOutput(output)
        return .success
    }

    /// Returns the YAML text and its map, checked to come from one build.
    private func readSourceMap(of path: String) -> Result<(String, SourceMap), UsageError> {
        guard let yaml = FileManager.default.contents(atPath: path) else {
            return .failure(UsageError(message: "cannot read '\(path)': the file does not exist or is not readable"))
        }
        let mapPath = path + ".map.json"
        guard let data = FileManager.default.contents(atPath: mapPath) else {
            if FileManager.default.fileExists(atPath: mapPath) {
                return .failure(UsageError(message: "cannot read source map '\(mapPath)': the file is not readable"))
            }
            return .failure(UsageError(message: "no source map '\(mapPath)'; build with 'ramp build --source-map' to write one"))
        }
        let map: SourceMap
        do {
            map = try SourceMap(json: String(decoding: data, as: UTF8.self))
        } catch {
            return .failure(UsageError(message: "cannot read source map '\(mapPath)': \(error.reason)"))
        }
        let text = String(decoding: yaml, as: UTF8.self)
        guard SourceMap.digest(text) == map.digest else {
            return .failure(UsageError(
                message: "source map '\(mapPath)' belongs to another build of '\(path)'; run 'ramp build --source-map' again"
            ))
        }
        return .success((text, map))
    }

    private func describe(_ mapping: SourceMap.Mapping) -> String {
        let lines = "lines \(mapping.firstLine)-\(mapping.lastLine)"
        switch mapping.kind {
        case .object:
            return "NetworkPolicy '\(mapping.object)' (\(lines)) selects the pods and directions of:"
        case .rule:
            return "rule \(mapping.path) of '\(mapping.object)' (\(lines)) allows the connections of:"
        case .peer:
            return "peer \(mapping.path) of '\(mapping.object)' (\(lines)) is the other end in:"
        case .port:
            return "port \(mapping.path) of '\(mapping.object)' (\(lines)) is a port of:"
        }
    }

    /// Prints each source once per description, at its first span, with the
    /// contract line when the contract can still be read.
    private func sourceLines(_ spans: [SourceMap.Span]) -> String {
        var output = ""
        var printed: Set<String> = []
        var contracts: [String: [Substring]] = [:]
        for span in spans where printed.insert(span.description).inserted {
            output += "  \(span.path):\(span.start.line):\(span.start.column): \(span.description)\n"
            if contracts[span.path] == nil, let data = FileManager.default.contents(atPath: span.path) {
                contracts[span.path] = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            if let lines = contracts[span.path], span.start.line <= lines.count {
                output += "    | " + lines[span.start.line - 1].trimmingCharacters(in: .whitespaces) + "\n"
            }
        }
        return output
    }

    // MARK: - Connections

    private func explainConnection(inputs: [String], from: String, to: String, environment: String?) -> Driver.ExitStatus {
        let reporting = ReportingOptions()
        var compilation = Compilation()
        compilation.environment = environment
        let sources = ContractInputs.read(inputs, diagnostics: compilation.diagnostics)
        if compilation.diagnostics.hasErrors {
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: reporting)
            return .usageOrIOError
        }
        compilation.compile(sources)
        let errors = compilation.diagnostics.sorted().filter { $0.severity == .error }
        guard errors.isEmpty, let program = compilation.program else {
            _ = driver.emit(errors, reporting: reporting)
            return .failure(reporting: errors)
        }

        let client: ConnectionQuery.End
        let server: ConnectionQuery.End
        let port: String?
        do throws(UsageError) {
            client = try ConnectionEnd.parse(from, allowPort: false).end
            (server, port) = try ConnectionEnd.parse(to, allowPort: true)
        } catch {
            return fail(error.message)
        }
        do {
            let verdicts = try ConnectionQuery(program: program).explain(from: client, to: server, port: port)
            driver.standardOutput(verdicts.map { report($0, client: client, server: server) }.joined(separator: "\n"))
            return verdicts.allSatisfy(\.allowed) ? .success : .contractErrors
        } catch {
            if case .unknownService(let id) = error, environment == nil,
               let hint = environmentHint(id, environments: program.environmentNames, files: compilation.contractFiles) {
                return fail(hint)
            }
            return fail(message(for: error, program: program))
        }
    }

    private func report(_ verdict: ConnectionQuery.Verdict, client: ConnectionQuery.End, server: ConnectionQuery.End) -> String {
        // An IPv6 address is bracketed before its port, as in the query.
        let serverText = if case .address(_, .ipv6, _) = server { "[\(server)]" } else { "\(server)" }
        var text = "\(client) -> \(serverText):\(verdict.port): \(verdict.allowed ? "allowed" : "blocked")\n"
        text += describe(verdict.egress, "egress from \(client)")
        text += describe(verdict.ingress, "ingress to \(server)")
        return text
    }

    private func describe(_ side: ConnectionQuery.Side, _ title: String) -> String {
        var text = "  \(title): "
        switch side.isolation {
        case .outsideCluster:
            return text + "outside the cluster, where no NetworkPolicy applies\n"
        case .notIsolated:
            return text + "not isolated, so every connection is admitted\n"
        case .posture(let range):
            text += "isolated by the posture '\(range.text)' at \(range.locationDescription)"
        case .dependency(let dependency):
            let location = (dependency.clientOrigin ?? dependency.origin).locationDescription
            text += "isolated because the dependency '\(dependencyText(dependency))' at \(location) names it"
        }
        guard !side.allowedBy.isEmpty else {
            return text + ", and no dependency allows the connection\n"
        }
        text += ", and allowed by:\n"
        for dependency in side.allowedBy {
            let location = (dependency.clientOrigin ?? dependency.origin).locationDescription
            text += "    \(location): \(dependencyText(dependency))\n"
        }
        return text
    }

    private func dependencyText(_ dependency: Dependency) -> String {
        (dependency.clientOrigin?.text ?? "?") + " -> " + dependency.origin.text
    }

    private func message(for error: ConnectionQuery.QueryError, program: Program) -> String {
        switch error {
        case .unknownService(let id):
            return unknownServiceMessage(id, program: program)
        case let .unknownPortName(name, service):
            return "service \(QuotedText.quote(service.description)) declares no port named \(QuotedText.quote(name))"
        case let .portNameOfOtherProtocol(name, service, declared, given):
            let protocolName = given.rawValue.lowercased()
            return "service \(QuotedText.quote(service.description)) declares port \(QuotedText.quote(name)) over \(declared.rawValue), not \(given.rawValue); drop '/\(protocolName)' or give a port of the service over \(given.rawValue)"
        case .invalidPort(let text):
            return "invalid port \(QuotedText.quote(text)); use a number from 1 to 65535 or a port name of the server, with an optional /tcp, /udp or /sctp"
        case .noPort(let server):
            return "\(QuotedText.quote(server)) declares no ports; give one, such as \(QuotedText.quote(server + ":443"))"
        case .noPods:
            return "both ends are outside the cluster, where no NetworkPolicy applies; one end must be a service"
        }
    }

    /// Returns the message for a service that the build without an
    /// environment lacks but some environment's build declares, which
    /// names those environments and the option that selects one, or nil.
    private func environmentHint(_ id: ServiceID, environments: [String], files: [ContractFile]) -> String? {
        let declaring = environments.filter { name in
            let program = Resolver.resolve(files, environment: name, diagnostics: DiagnosticEngine())
            return program.namespace(named: id.namespace)?.services.contains { $0.id == id } ?? false
        }
        guard let first = declaring.first else { return nil }
        let list = declaring.map(QuotedText.quote).joined(separator: ", ")
        return "service \(QuotedText.quote(id.name)) in namespace \(QuotedText.quote(id.namespace)) exists only in "
            + "environment\(declaring.count == 1 ? "" : "s") \(list); add \(QuotedText.quote("--env " + first))"
    }

    /// Names the namespace when no contract declares it, and otherwise the
    /// service, with the closest declared name or a list of the declared ones.
    private func unknownServiceMessage(_ id: ServiceID, program: Program) -> String {
        guard let namespace = program.namespace(named: id.namespace) else {
            let declared = program.namespaces.map(\.name)
            if let suggestion = NameSuggestion.closest(to: id.namespace, in: declared) {
                return "unknown namespace \(QuotedText.quote(id.namespace)) in \(QuotedText.quote(id.description)); did you mean \(QuotedText.quote(suggestion))?"
            }
            return "unknown namespace \(QuotedText.quote(id.namespace)) in \(QuotedText.quote(id.description)); the contracts declare \(NameSuggestion.list(declared))"
        }
        let services = namespace.services.map(\.id.name)
        guard let suggestion = NameSuggestion.closest(to: id.name, in: services) else {
            let declared = services.isEmpty ? "the namespace declares no service" : "the namespace declares \(NameSuggestion.list(services))"
            return "unknown service \(QuotedText.quote(id.name)) in namespace \(QuotedText.quote(id.namespace)); \(declared)"
        }
        return "unknown service \(QuotedText.quote(id.name)) in namespace \(QuotedText.quote(id.namespace)); did you mean \(QuotedText.quote(suggestion))?"
    }
}

/// Parses one end of a connection: `namespace/service[:port]`, an IPv4
/// address `a.b.c.d[:port]`, or an IPv6 address, in brackets when a port
/// follows (`[fd00::1]:443`).
enum ConnectionEnd {
    static func parse(_ text: String, allowPort: Bool) throws(UsageError) -> (end: ConnectionQuery.End, port: String?) {
        var body = text
        var port: String?
        if body.hasPrefix("["), let close = body.firstIndex(of: "]") {
            let rest = body[body.index(after: close)...]
            if rest.hasPrefix(":") { port = String(rest.dropFirst()) }
            body = String(body[body.index(after: body.startIndex)..<close])
        } else if body.filter({ $0 == ":" }).count == 1 || body.contains("/"), let colon = body.lastIndex(of: ":") {
            port = String(body[body.index(after: colon)...])
            body = String(body[..<colon])
        }
        if let port, !allowPort {
            throw UsageError(message: "the client \(QuotedText.quote(text)) takes no port; write the port after the server, as in \(QuotedText.quote("namespace/service:" + port))")
        }
        if let address = try? CIDR.parseAddress(body) {
            return (.address(address.1, address.0, text: body), port)
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw UsageError(message: "invalid connection end \(QuotedText.quote(text)); use 'namespace/service' or an IP address")
        }
        return (.service(ServiceID(namespace: String(parts[0]), name: String(parts[1]))), port)
    }
}
