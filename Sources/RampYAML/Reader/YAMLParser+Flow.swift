import RampSource

extension YAMLParser {
    // MARK: - Flow sequences

    /// Parses `[a, b]`, whose entries may span lines. An entry `k: v` is a
    /// mapping with one pair, as in `[k: v]`.
    func parseFlowSequence(properties: NodeProperties) -> YAMLValue {
        let start = scanner.offset
        guard enterCollection(at: start) else { return emptyNode(at: start, properties: properties) }
        defer { depth -= 1 }
        scanner.advance()

        var items: [YAMLValue] = []
        while !isDocumentAborted {
            scanner.skipFlowSeparation()
            guard !isAtUnterminatedFlow(start: start, closing: UInt8(ascii: "]")) else { break }
            if scanner.isPeek("]") {
                scanner.advance()
                break
            }
            if scanner.isPeek(",") {
                report(.yamlExpected("a value before ','", found: "','"), scanner.offset, scanner.offset + 1)
                scanner.advance()
                continue
            }
            items.append(parseFlowSequenceEntry())
            guard expectFlowSeparator(start: start, closing: UInt8(ascii: "]")) else { break }
        }
        return makeNode(.sequence(items), start: start, end: scanner.offset, properties: properties)
    }

    private func parseFlowSequenceEntry() -> YAMLValue {
        let key = parseFlowNode()
        var probe = scanner
        probe.skipBlanks()
        guard probe.isPeek(":"), isFlowValueIndicator(probe, after: key) else { return key }

        scanner = probe
        scanner.advance()
        let value = parseFlowValue(closing: UInt8(ascii: "]"))
        let pair = YAMLMappingEntry(key: key, value: value)
        return makeNode(.mapping([pair]), start: key.range.start, end: max(key.range.end, value.range.end), properties: .none)
    }

    // MARK: - Flow mappings

    /// Parses `{a: 1, "b": [x]}`, which covers JSON objects. A key without
    /// `:` has a null value.
    func parseFlowMapping(properties: NodeProperties) -> YAMLValue {
        let start = scanner.offset
        guard enterCollection(at: start) else { return emptyNode(at: start, properties: properties) }
        defer { depth -= 1 }
        scanner.advance()

        var entries: [YAMLMappingEntry] = []
        var firstKeys: [YAMLResolvedScalar: SourceRange] = [:]
        while !isDocumentAborted {
            scanner.skipFlowSeparation()
            guard !isAtUnterminatedFlow(start: start, closing: UInt8(ascii: "}")) else { break }
            if scanner.isPeek("}") {
                scanner.advance()
                break
            }
            if scanner.isPeek(",") {
                report(.yamlExpected("a mapping entry before ','", found: "','"), scanner.offset, scanner.offset + 1)
                scanner.advance()
                continue
            }
            let entry = parseFlowMappingEntry()
            checkDuplicateKey(entry.key, firstKeys: &firstKeys)
            entries.append(entry)
            guard expectFlowSeparator(start: start, closing: UInt8(ascii: "}")) else { break }
        }
        return makeNode(.mapping(entries), start: start, end: scanner.offset, properties: properties)
    }

    private func parseFlowMappingEntry() -> YAMLMappingEntry {
        if scanner.isPeek("?") && scanner.isSeparator(1) {
            report(.yamlUnsupported("an explicit key ('? ')", advice: "write the entry as 'key: value'"), scanner.offset, scanner.offset + 1)
            scanner.advance()
            scanner.skipFlowSeparation()
        }
        let key: YAMLValue
        if scanner.isPeek(":") && (scanner.isSeparator(1) || scanner.peek(1).map(YAMLScanner.isFlowIndicator) == true) {
            key = emptyNode(at: scanner.offset, properties: .none)
        } else {
            key = parseFlowNode()
        }
        scanner.skipFlowSeparation()
        guard scanner.isPeek(":"), isFlowValueIndicator(scanner, after: key) else {
            return YAMLMappingEntry(key: key, value: emptyNode(at: key.range.end, properties: .none))
        }
        scanner.advance()
        return YAMLMappingEntry(key: key, value: parseFlowValue(closing: UInt8(ascii: "}")))
    }

    // MARK: - Entries

    /// Parses a node with its properties inside a flow collection.
    private func parseFlowNode() -> YAMLValue {
        let properties = parseProperties()
        scanner.skipFlowSeparation()
        if !properties.isEmpty, let byte = scanner.peek(), byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
            return emptyNode(at: scanner.offset, properties: properties)
        }
        return parseInlineNode(.flow, properties: properties)
    }

    /// Parses the value after `:`, or an empty node when the entry ends there.
    private func parseFlowValue(closing: UInt8) -> YAMLValue {
        let colonEnd = scanner.offset
        scanner.skipFlowSeparation()
        if scanner.isAtEnd || scanner.isPeek(",") || scanner.peek() == closing {
            return emptyNode(at: colonEnd, properties: .none)
        }
        return parseFlowNode()
    }

    /// True when the `:` at the probe's offset separates a key from its
    /// value: after a quoted key or a flow collection, as in JSON, it may
    /// touch the value. After other keys a separator or flow indicator must follow.
    private func isFlowValueIndicator(_ probe: YAMLScanner, after key: YAMLValue) -> Bool {
        let isJSONLike: Bool
        switch key.content {
        case .scalar(let scalar): isJSONLike = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        case .mapping, .sequence: isJSONLike = true
        }
        return isJSONLike || probe.isSeparator(1) || probe.peek(1).map(YAMLScanner.isFlowIndicator) == true
    }

    /// Expects `,` or the closing bracket after an entry. A missing comma is
    /// reported and the next entry read as if it were there.
    private func expectFlowSeparator(start: Int, closing: UInt8) -> Bool {
        scanner.skipFlowSeparation()
        if scanner.isPeek(",") {
            scanner.advance()
            return true
        }
        if scanner.peek() == closing {
            return true
        }
        if isAtUnterminatedFlow(start: start, closing: closing) { return false }
        let expected = "',' or '\(Character(Unicode.Scalar(closing)))'"
        report(.yamlExpected(expected, found: scanner.describeCurrent()), scanner.offset, scanner.offset + 1)
        return true
    }

    /// Reports a flow collection that reaches the end of the file or a
    /// document marker before its closing bracket.
    private func isAtUnterminatedFlow(start: Int, closing: UInt8) -> Bool {
        guard scanner.isAtEnd || scanner.isAtDocumentMarker else { return false }
        report(.yamlUnterminatedFlow(closing: Character(Unicode.Scalar(closing))), start, start + 1)
        return true
    }
}
