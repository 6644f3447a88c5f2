import RampDiagnostics

/// The anchor and tag written before a node.
struct NodeProperties {
    var tag: YAMLTag?
    var tagRange: Range<Int>?
    var anchor: String?
    /// The parser's node count when the properties were read, so that an
    /// anchor can record the size of its subtree.
    var nodeCountAtStart = 0

    static let none = NodeProperties()

    var isEmpty: Bool { tag == nil && anchor == nil }
}

extension YAMLParser {
    // MARK: - Properties

    /// Reads an anchor (`&name`) and a tag (`!!str`), in either order, each
    /// followed by blanks.
    func parseProperties() -> NodeProperties {
        var properties = NodeProperties(nodeCountAtStart: nodeCount)
        while scanner.isPeek("&") || scanner.isPeek("!") {
            let start = scanner.offset
            if scanner.isPeek("!") && scanner.isPeek("<", 1) {
                while let byte = scanner.peek(), byte != UInt8(ascii: ">"), !YAMLScanner.isBreak(byte) { scanner.advance() }
                scanner.advance()
            } else {
                scanner.skipToken()
            }
            let text = scanner.text(start, scanner.offset)
            let isAnchor = text.hasPrefix("&")
            if (isAnchor && properties.anchor != nil) || (!isAnchor && properties.tag != nil) {
                report(.yamlExpected("one anchor and one tag at most", found: QuotedText.quote(text)), start, scanner.offset)
            } else if isAnchor {
                properties.anchor = String(text.dropFirst())
            } else {
                properties.tag = YAMLTag(written: text)
                properties.tagRange = start..<scanner.offset
            }
            scanner.skipBlanks()
        }
        return properties
    }

    // MARK: - Flow-style nodes

    /// Parses a scalar, alias or flow collection at `offset`, and in block
    /// context also a block scalar. A character that can start none of them
    /// is reported and skipped.
    func parseInlineNode(_ context: PlainScalarContext, properties: NodeProperties) -> YAMLValue {
        let start = scanner.offset
        switch scanner.peek() {
        case UInt8(ascii: "*")?:
            return parseAlias(properties: properties)
        case UInt8(ascii: "\"")?, UInt8(ascii: "'")?:
            let scanned = scanner.scanQuotedScalar(singleLine: false)!
            drainScannerProblems()
            return makeNode(.scalar(scanned.scalar), start: scanned.start, end: scanned.end, properties: properties)
        case UInt8(ascii: "[")?:
            return parseFlowSequence(properties: properties)
        case UInt8(ascii: "{")?:
            return parseFlowMapping(properties: properties)
        case UInt8(ascii: "@")?, UInt8(ascii: "`")?:
            report(.yamlReservedIndicator(Character(Unicode.Scalar(scanner.peek()!))), start, start + 1)
            scanner.skipToken()
            return emptyNode(at: start, properties: properties)
        default:
            break
        }
        if case .block(let parentIndent) = context, scanner.isPeek("|") || scanner.isPeek(">") {
            let scanned = scanner.scanBlockScalar(parentIndent: parentIndent)
            drainScannerProblems()
            return makeNode(.scalar(scanned.scalar), start: scanned.start, end: scanned.end, properties: properties)
        }
        guard scanner.canStartPlainScalar(inFlow: context.isFlow) else {
            report(.yamlExpected("a value", found: scanner.describeCurrent()), start, start + 1)
            scanner.advance()
            return emptyNode(at: start, properties: properties)
        }
        let scanned = scanner.scanPlainScalar(context)
        return makeNode(.scalar(scanned.scalar), start: scanned.start, end: scanned.end, properties: properties)
    }

    // MARK: - Aliases

    /// Parses `*name` as a copy of the anchored node. Aliases count toward
    /// `maximumNodeCount` by the size of what they repeat, which stops
    /// inputs whose aliases nest into an exponential tree.
    func parseAlias(properties: NodeProperties) -> YAMLValue {
        let start = scanner.offset
        if !properties.isEmpty {
            report(.yamlExpected("an alias without an anchor or tag", found: "properties before '*'"), start, start + 1)
        }
        scanner.skipToken()
        let name = scanner.text(start + 1, scanner.offset)
        guard let anchored = anchors[name] else {
            report(.yamlUnknownAlias(name), start, scanner.offset)
            return emptyNode(at: start, properties: .none)
        }
        nodeCount += anchored.size
        if nodeCount > maximumNodeCount {
            report(.yamlAliasExpansion(limit: maximumNodeCount), start, scanner.offset)
            isDocumentAborted = true
            return emptyNode(at: start, properties: .none)
        }
        let value = anchored.value
        return YAMLValue(value.content, range: range(start, scanner.offset), tag: value.tag, anchor: nil)
    }

    // MARK: - Construction

    /// Builds a node, checks its tag and records its anchor.
    func makeNode(_ content: YAMLValue.Content, start: Int, end: Int, properties: NodeProperties) -> YAMLValue {
        nodeCount += 1
        let value = YAMLValue(content, range: range(start, end), tag: properties.tag, anchor: properties.anchor)
        checkTag(of: value, properties: properties)
        if let anchor = properties.anchor {
            anchors[anchor] = AnchoredNode(value: value, size: nodeCount - properties.nodeCountAtStart)
        }
        return value
    }

    /// Makes an empty plain scalar at `offset`, which resolves to null.
    func emptyNode(at offset: Int, properties: NodeProperties) -> YAMLValue {
        makeNode(.scalar(YAMLScalar("", style: .plain)), start: offset, end: offset, properties: properties)
    }

    /// Reports a core tag that does not fit the node, and ignores unknown tags
    /// with a warning.
    private func checkTag(of value: YAMLValue, properties: NodeProperties) {
        guard let tag = properties.tag, let tagRange = properties.tagRange else { return }
        let fits: Bool
        switch (tag, value.content) {
        case (.other, _):
            report(.yamlUnknownTag(tag.text), tagRange.lowerBound, tagRange.upperBound)
            return
        case (.mapping, .mapping), (.sequence, .sequence), (.nonSpecific, _), (.string, .scalar):
            fits = true
        case (.integer, .scalar(let scalar)), (.float, .scalar(let scalar)), (.boolean, .scalar(let scalar)), (.null, .scalar(let scalar)):
            fits = !isStringFallback(scalar.resolved(tag: tag))
        default:
            fits = false
        }
        if !fits {
            let subject = value.scalar.map { "value \(QuotedText.quote($0.value))" } ?? value.kindDescription
            report(.yamlTagMismatch(subject, tag: tag.text), value.range.start, max(value.range.end, value.range.start + 1))
        }
    }

    /// True when a core tag could not resolve the scalar and left it a string.
    private func isStringFallback(_ resolved: YAMLResolvedScalar) -> Bool {
        if case .string = resolved { return true }
        return false
    }
}
