import Foundation

extension SourceMap {
    struct ReadError: Error {
        let reason: String
    }

    /// Reads a map that `json` wrote. Fields that later versions may add are
    /// ignored; a missing or mistyped field is an error.
    init(json text: String) throws(ReadError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw ReadError(reason: "it is not valid JSON")
        }
        guard let root = object as? [String: Any], let version = root["version"] as? Int else {
            throw ReadError(reason: "it has no 'version' field")
        }
        guard version == SourceMap.formatVersion else {
            throw ReadError(reason: "it has version \(version), and this ramp reads version \(SourceMap.formatVersion)")
        }
        guard let file = root["file"] as? String, let generator = root["generator"] as? String,
              let lineCount = root["lineCount"] as? Int, let digest = root["digest"] as? String,
              let mappings = root["mappings"] as? [[String: Any]] else {
            throw ReadError(reason: "a required field is missing")
        }
        var decoded: [Mapping] = []
        for mapping in mappings {
            decoded.append(try Mapping(mapping))
        }
        self.init(file: file, generator: generator, lineCount: lineCount, digest: digest, mappings: decoded)
    }
}

extension SourceMap.Mapping {
    fileprivate init(_ object: [String: Any]) throws(SourceMap.ReadError) {
        guard let kindText = object["kind"] as? String, let kind = SourceMap.Kind(rawValue: kindText),
              let objectName = object["object"] as? String, let path = object["path"] as? String,
              let lines = object["lines"] as? [String: Any], let first = lines["first"] as? Int, let last = lines["last"] as? Int,
              let sources = object["sources"] as? [[String: Any]] else {
            throw SourceMap.ReadError(reason: "a mapping lacks a field")
        }
        var spans: [SourceMap.Span] = []
        for source in sources {
            spans.append(try SourceMap.Span(source))
        }
        self.init(kind: kind, object: objectName, path: path, firstLine: first, lastLine: last, sources: spans)
    }
}

extension SourceMap.Span {
    fileprivate init(_ object: [String: Any]) throws(SourceMap.ReadError) {
        guard let path = object["path"] as? String, let role = object["role"] as? String,
              let description = object["description"] as? String,
              let start = SourceMap.Position(object["start"]), let end = SourceMap.Position(object["end"]) else {
            throw SourceMap.ReadError(reason: "a source span lacks a field")
        }
        self.init(path: path, start: start, end: end, role: role, description: description)
    }
}

extension SourceMap.Position {
    fileprivate init?(_ value: Any?) {
        guard let object = value as? [String: Any], let line = object["line"] as? Int, let column = object["column"] as? Int,
              let offset = object["offset"] as? Int else { return nil }
        self.init(line: line, column: column, offset: offset)
    }
}
