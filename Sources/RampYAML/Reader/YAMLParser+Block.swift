import RampDiagnostics
import RampSource

/// Where a block node appears, which decides what may start on its line.
enum BlockContext {
    case documentRoot
    case mappingValue
    case sequenceItem
}

extension YAMLParser {
    // MARK: - Block nodes

    /// Parses the node after an indicator (`key:`, `- `, `---`) or at the
    /// first content character of a line. `parentIndent` is the column of
    /// the collection that contains the node, -1 for the document root.
    func parseBlockNode(parentIndent: Int, context: BlockContext, properties: NodeProperties = .none) -> YAMLValue {
        var properties = properties
        if !scanner.isAtLineContentStart { scanner.skipBlanks() }

        if scanner.isAtLineContentStart, !scanner.isAtBreakOrEnd, !scanner.isPeek("#") {
            if isAtSequenceEntry() { return parseBlockSequence(properties: properties) }
            if scanner.isAtImplicitKey() { return parseBlockMapping(properties: properties) }
        }

        if properties.isEmpty {
            properties = parseProperties()
        }
        if scanner.isAtBreakOrEnd || scanner.isPeek("#") {
            return parseNodeOnNextLine(parentIndent: parentIndent, context: context, properties: properties)
        }
        return parseNodeOnSameLine(parentIndent: parentIndent, context: context, properties: properties)
    }

    /// Parses a node that starts on a later line than its indicator, or an
    /// empty node when the next content line is not indented past the parent.
    /// A sequence may sit at its key's indentation, as kubectl writes it.
    private func parseNodeOnNextLine(parentIndent: Int, context: BlockContext, properties: NodeProperties) -> YAMLValue {
        let emptyOffset = scanner.offset
        pendingComments += scanner.skipToNextContentLine()
        drainScannerProblems()
        if scanner.isAtEnd || scanner.isAtDocumentMarker {
            return emptyNode(at: emptyOffset, properties: properties)
        }
        let indent = scanner.column
        if isAtSequenceEntry() && (indent > parentIndent || (context == .mappingValue && indent == parentIndent)) {
            return parseBlockSequence(properties: properties)
        }
        if indent > parentIndent {
            return parseBlockNode(parentIndent: parentIndent, context: context, properties: properties)
        }
        return emptyNode(at: emptyOffset, properties: properties)
    }

    /// Parses a node that starts on the line of its indicator: a block
    /// scalar, a compact collection inside a sequence entry, or a flow node.
    private func parseNodeOnSameLine(parentIndent: Int, context: BlockContext, properties: NodeProperties) -> YAMLValue {
        if scanner.isPeek("|") || scanner.isPeek(">") {
            let scanned = scanner.scanBlockScalar(parentIndent: parentIndent)
            drainScannerProblems()
            return makeNode(.scalar(scanned.scalar), start: scanned.start, end: scanned.end, properties: properties)
        }
        if isAtSequenceEntry() {
            if context == .mappingValue {
                report(.yamlCollectionOnKeyLine("sequence"), scanner.offset, scanner.offset + 1)
            }
            return parseBlockSequence(properties: properties)
        }
        if scanner.isAtImplicitKey() {
            if context == .mappingValue {
                report(.yamlCollectionOnKeyLine("mapping"), scanner.offset, scanner.offset + 1)
            }
            return parseBlockMapping(properties: properties)
        }
        return parseInlineNode(.block(parentIndent: parentIndent), properties: properties)
    }

    func isAtSequenceEntry() -> Bool {
        scanner.isPeek("-") && scanner.isSeparator(1)
    }

    // MARK: - Block mappings

    /// Parses a block mapping whose first key is at `offset`. The mapping's
    /// indentation is that key's column.
    func parseBlockMapping(properties: NodeProperties) -> YAMLValue {
        let start = scanner.offset
        let indent = scanner.column
        guard enterCollection(at: start) else { return emptyNode(at: start, properties: properties) }
        defer { depth -= 1 }

        var entries: [YAMLMappingEntry] = []
        var firstKeys: [YAMLResolvedScalar: SourceRange] = [:]
        var end = start
        while !isDocumentAborted {
            let comments = takePendingComments()
            if let (key, value) = parseBlockMappingEntry(indent: indent) {
                checkDuplicateKey(key, firstKeys: &firstKeys)
                entries.append(YAMLMappingEntry(key: key, value: value, comments: comments))
                end = max(key.range.end, value.range.end)
            }
            finishLine()
            guard moveToSibling(indent: indent, isSequence: false) else { break }
        }
        return makeNode(.mapping(entries), start: start, end: end, properties: properties)
    }

    private func parseBlockMappingEntry(indent: Int) -> (YAMLValue, YAMLValue)? {
        if scanner.isPeek("?") && scanner.isSeparator(1) {
            report(.yamlUnsupported("an explicit key ('? ')", advice: "write the entry as 'key: value'"), scanner.offset, scanner.offset + 1)
            skipExplicitEntry(indent: indent)
            return nil
        }
        guard scanner.isAtImplicitKey() else {
            report(.yamlExpected("a mapping key followed by ':'", found: scanner.describeCurrent()), scanner.offset, scanner.offset + 1)
            scanner.skipToLineEnd()
            return nil
        }
        let key = parseBlockKey()
        scanner.skipBlanks()
        scanner.advance()
        let value = parseBlockNode(parentIndent: indent, context: .mappingValue)
        return (key, value)
    }

    /// Skips the lines of a `? key` entry and its `: value` line, so that
    /// the value is not reported a second time.
    private func skipExplicitEntry(indent: Int) {
        scanner.skipToLineEnd()
        while true {
            var probe = scanner
            let comments = probe.skipToNextContentLine()
            let isPartOfEntry = probe.column > indent || (probe.column == indent && probe.isPeek(":") && probe.isSeparator(1))
            guard !probe.isAtEnd, !probe.isAtDocumentMarker, isPartOfEntry else { return }
            pendingComments += comments
            scanner = probe
            scanner.skipToLineEnd()
        }
    }

    /// Parses an implicit key, which `isAtImplicitKey` has found on this line.
    private func parseBlockKey() -> YAMLValue {
        let properties = parseProperties()
        if scanner.isPeek("*") { return parseAlias(properties: properties) }
        if scanner.isPeek("\"") || scanner.isPeek("'") {
            return parseInlineNode(.blockKey, properties: properties)
        }
        let scanned = scanner.scanPlainScalar(.blockKey)
        return makeNode(.scalar(scanned.scalar), start: scanned.start, end: scanned.end, properties: properties)
    }

    /// Reports a key equal to an earlier one. Keys are equal when they
    /// resolve to the same value, so `1` and `"1"` differ but `a` and `"a"` do not.
    func checkDuplicateKey(_ key: YAMLValue, firstKeys: inout [YAMLResolvedScalar: SourceRange]) {
        guard let identity = key.resolvedScalar else { return }
        if let first = firstKeys[identity] {
            let firstPosition = first.file.lineAndColumn(of: first.start)
            report(
                .yamlDuplicateKey(key.scalar!.value), key.range.start, key.range.end,
                notes: [Note("first defined at line \(firstPosition.line), column \(firstPosition.column)", at: first)]
            )
        } else {
            firstKeys[identity] = key.range
        }
    }

    // MARK: - Block sequences

    /// Parses a block sequence whose first `-` is at `offset`.
    func parseBlockSequence(properties: NodeProperties) -> YAMLValue {
        let start = scanner.offset
        let indent = scanner.column
        guard enterCollection(at: start) else { return emptyNode(at: start, properties: properties) }
        defer { depth -= 1 }

        var items: [YAMLValue] = []
        var end = start
        while !isDocumentAborted {
            let comments = takePendingComments()
            let dashEnd = scanner.offset + 1
            scanner.advance()
            var item = parseBlockNode(parentIndent: indent, context: .sequenceItem)
            item.comments = comments
            items.append(item)
            end = max(dashEnd, item.range.end)
            finishLine()
            guard moveToSibling(indent: indent, isSequence: true) else { break }
        }
        return makeNode(.sequence(items), start: start, end: end, properties: properties)
    }

    // MARK: - Indentation

    /// Moves to the next content line and returns whether it continues the
    /// collection at `indent`. A line indented further than `indent` is
    /// reported once and skipped with the lines indented like it.
    private func moveToSibling(indent: Int, isSequence: Bool) -> Bool {
        var isSkipping = false
        while true {
            pendingComments += scanner.skipToNextContentLine()
            drainScannerProblems()
            if scanner.isAtEnd || scanner.isAtDocumentMarker || isDocumentAborted { return false }
            let column = scanner.column
            if column < indent { return false }
            if column == indent { return isSequence ? isAtSequenceEntry() : true }
            if !isSkipping {
                let found = scanner.describeCurrent()
                report(.yamlIndentation(found, column: column + 1, expectedColumn: indent + 1), scanner.offset, scanner.offset + 1)
                isSkipping = true
            }
            scanner.skipToLineEnd()
        }
    }

    /// Counts one more level of nesting. Past the limit, it reports the
    /// nesting and abandons the document.
    func enterCollection(at offset: Int) -> Bool {
        if depth >= maximumDepth {
            report(.yamlNestingTooDeep(limit: maximumDepth), offset, offset + 1)
            isDocumentAborted = true
            return false
        }
        depth += 1
        return true
    }
}
