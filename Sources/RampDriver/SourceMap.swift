import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSource
import RampYAML

/// The source map of one generated YAML file: for every object, rule, peer
/// and port, the lines it takes and the contract spans that produced it.
///
/// `ramp build --source-map` writes it as `<name>.yaml.map.json` beside the
/// YAML file, and `ramp explain <file>.yaml:<line>` reads it.
public struct SourceMap: Equatable, Sendable {
    /// Version of the JSON layout, raised when a field changes meaning.
    public static let formatVersion = 1
    /// The start of every map file; cleanup deletes only files that start so.
    static let jsonPrefix = "{\n  \"generator\": \"ramp "

    public enum Kind: String, Sendable {
        case object, rule, peer, port
    }

    /// A contract span, with 1-based lines and columns and 0-based byte
    /// offsets; the end is exclusive.
    public struct Span: Equatable, Sendable {
        public let path: String
        public let start: Position
        public let end: Position
        public let role: String
        public let description: String
    }

    public struct Position: Equatable, Sendable {
        public let line: Int
        public let column: Int
        public let offset: Int
    }

    public struct Mapping: Equatable, Sendable {
        public let kind: Kind
        /// `namespace/name` of the NetworkPolicy the lines belong to.
        public let object: String
        /// The node's path inside the object, such as `spec.ingress[0].from[1]`;
        /// empty for the object itself.
        public let path: String
        public let firstLine: Int
        public let lastLine: Int
        public let sources: [Span]
    }

    /// The YAML file's name, without a directory.
    public let file: String
    public let generator: String
    /// The YAML text's line count and FNV-1a hash, so that a reader can tell
    /// a map from an older build.
    public let lineCount: Int
    public let digest: String
    /// Outer nodes first, then by line.
    public let mappings: [Mapping]
}

// MARK: - Building

extension SourceMap {
    /// Returns the map of the YAML text emitted for `policies`, one
    /// namespace's objects in their order.
    static func build(
        file: String, text: String, spans: [YAMLLineSpan], policies: [NetworkPolicy], provenance: Provenance, version: String
    ) -> SourceMap {
        var mappings: [Mapping] = []
        for span in spans {
            guard span.document < policies.count,
                  let mapping = mapping(span, policy: policies[span.document], provenance: provenance) else { continue }
            mappings.append(mapping)
        }
        mappings.sort { ($0.firstLine, -$0.lastLine, $0.path.count) < ($1.firstLine, -$1.lastLine, $1.path.count) }
        return SourceMap(
            file: file, generator: "ramp \(version)", lineCount: text.utf8.count { $0 == UInt8(ascii: "\n") },
            digest: digest(text), mappings: mappings
        )
    }

    /// Returns the mapping of an object (path `[]`), a rule
    /// (`spec.ingress[i]`), a peer (`spec.ingress[i].from[j]`) or a port
    /// (`spec.ingress[i].ports[j]`), and nil for every other node.
    private static func mapping(_ span: YAMLLineSpan, policy: NetworkPolicy, provenance: Provenance) -> Mapping? {
        let path = span.path
        let object = policy.namespace + "/" + policy.name
        func make(_ kind: Kind, _ sources: [Provenance.Source]) -> Mapping {
            Mapping(kind: kind, object: object, path: describe(path), firstLine: span.firstLine, lastLine: span.lastLine,
                    sources: sources.map(Span.init))
        }
        if path.isEmpty {
            return make(.object, provenance.objectSources(policy))
        }
        guard path.count >= 3, path[0] == .key("spec"), case .key(let list) = path[1], case .index(let ruleIndex) = path[2] else {
            return nil
        }
        let direction: NetworkPolicy.PolicyType = list == "ingress" ? .ingress : .egress
        guard list == "ingress" || list == "egress", let rules = direction == .ingress ? policy.ingress : policy.egress,
              ruleIndex < rules.count else { return nil }
        let rule = rules[ruleIndex]
        if path.count == 3 {
            return make(.rule, provenance.ruleSources(rule, direction: direction, in: policy))
        }
        guard path.count == 5, case .key(let field) = path[3], case .index(let entry) = path[4] else { return nil }
        if field == "ports", let ports = rule.ports, entry < ports.count {
            return make(.port, provenance.portSources(ports[entry], of: rule, direction: direction, in: policy))
        }
        if field == "from" || field == "to", let peers = rule.peers, entry < peers.count {
            return make(.peer, provenance.peerSources(peers[entry], of: rule, direction: direction, in: policy))
        }
        return nil
    }

    private static func describe(_ path: [YAMLPathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// FNV-1a, 64 bits, as 16 hex digits: cheap, and enough to tell two builds apart.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension SourceMap.Span {
    init(_ source: Provenance.Source) {
        let file = source.range.file
        func position(_ offset: Int) -> SourceMap.Position {
            let (line, column) = file.lineAndColumn(of: offset)
            return SourceMap.Position(line: line, column: column, offset: offset)
        }
        self.init(
            path: file.path, start: position(source.range.start), end: position(source.range.end),
            role: source.role.rawValue, description: source.description
        )
    }
}

// MARK: - Files
extension ManifestLayout {
    /// Returns the source map of each file that `render` writes, keyed by the
    /// YAML file's name.
    public static func sourceMaps(_ policies: [NetworkPolicy], program: Program, version: String) -> [String: SourceMap] {
        let emitter = YAMLEmitter()
        let provenance = Provenance(program: program)
        var maps: [String: SourceMap] = [:]
        for (namespace, objects) in byNamespace(policies, namespace: \.namespace) {
            let header = header(namespace: namespace, program: program, version: version)
            let (text, spans) = emitter.emitWithLineSpans(header: header, documents: objects.map(\.yamlDocument))
            let name = fileName(namespace)
            maps[name] = SourceMap.build(file: name, text: text, spans: spans, policies: objects, provenance: provenance, version: version)
        }
        return maps
    }

    /// Returns the name of the map written beside a YAML file.
    public static func sourceMapName(_ yamlName: String) -> String {
        yamlName + ".map.json"
    }
}

// MARK: - JSON

extension SourceMap {
    /// The map as JSON: the header fields one per line, then one mapping
    /// per line, so that a diff of two builds shows the lines that changed.
    public var json: String {
        let fields: [(String, JSONValue)] = [
            ("generator", .string(generator)),
            ("version", .int(SourceMap.formatVersion)),
            ("file", .string(file)),
            ("lineCount", .int(lineCount)),
            ("digest", .string(digest)),
        ]
        var text = "{\n"
        for (key, value) in fields {
            text += "  " + JSONValue.string(key).serialized() + ": " + value.serialized() + ",\n"
        }
        text += "  \"mappings\": ["
        text += mappings.map { "\n    " + $0.json.serialized() }.joined(separator: ",")
        text += mappings.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return text
    }
}

extension SourceMap.Mapping {
    var json: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("object", .string(object)),
            ("path", .string(path)),
            ("lines", .object([("first", .int(firstLine)), ("last", .int(lastLine))])),
            ("sources", .array(sources.map(\.json))),
        ])
    }
}

extension SourceMap.Span {
    var json: JSONValue {
        .object([
            ("path", .string(path)),
            ("start", start.json),
            ("end", end.json),
            ("role", .string(role)),
            ("description", .string(description)),
        ])
    }
}

extension SourceMap.Position {
    var json: JSONValue {
        .object([("line", .int(line)), ("column", .int(column)), ("offset", .int(offset))])
    }
}
