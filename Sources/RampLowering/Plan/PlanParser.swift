import RampDiagnostics
import RampKube

/// Reads the text form that `PlanPrinter` writes, so that tests can state a
/// plan as text. `#` lines are ignored. The parser trusts its input, which
/// comes from tests, and reports the first malformed line.
public struct PlanParser {
    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String

        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> PolicyPlan {
        var objects: [PlanObject] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.trimmedSpaces())
            if line.isEmpty || line.hasPrefix("#") { continue }
            let scanner = Scanner(text: line, line: index + 1)
            if line.hasPrefix("object ") {
                objects.append(try scanner.object())
            } else {
                guard !objects.isEmpty else { throw ParseError(line: index + 1, message: "rule before any object") }
                let (direction, rule) = try scanner.rule()
                if direction == .ingress { objects[objects.count - 1].ingress.append(rule) } else { objects[objects.count - 1].egress.append(rule) }
            }
        }
        return PolicyPlan(objects: objects)
    }

    /// Splits `text` at `separator` where it is not inside braces or parentheses.
    static func splitTopLevel(_ text: Substring, separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "{", "(": depth += 1
            case "}", ")": depth -= 1
            case separator where depth == 0:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        parts.append(text[start...])
        return parts.map { $0.trimmedSpaces() }
    }

    struct Scanner {
        let text: String
        let line: Int

        func error(_ message: String) -> ParseError {
            ParseError(line: line, message: message)
        }

        func object() throws(ParseError) -> PlanObject {
            // object NS/NAME select {…} types a,b
            guard let selectRange = text.range(of: " select "), let typesRange = text.range(of: " types ", options: .backwards) else {
                throw error("expected 'object NS/NAME select {...} types ...'")
            }
            var head = text[text.index(text.startIndex, offsetBy: 7)..<selectRange.lowerBound]
            var subject: String?
            if let subjectRange = head.range(of: " subject ") {
                subject = String(head[subjectRange.upperBound...])
                head = head[..<subjectRange.lowerBound]
            }
            let identity = head.split(separator: "/")
            guard identity.count == 2 else { throw error("expected NAMESPACE/NAME") }
            let podSelector = try selector(text[selectRange.upperBound..<typesRange.lowerBound])
            var types: Set<NetworkPolicy.PolicyType> = []
            for word in text[typesRange.upperBound...].split(separator: ",") {
                switch word {
                case "ingress": types.insert(.ingress)
                case "egress": types.insert(.egress)
                default: throw error("unknown policy type \(QuotedText.quote(String(word)))")
                }
            }
            return PlanObject(
                namespace: String(identity[0]), name: String(identity[1]), subject: subject, podSelector: podSelector, policyTypes: types
            )
        }

        func rule() throws(ParseError) -> (NetworkPolicy.PolicyType, PlanRule) {
            let direction: NetworkPolicy.PolicyType
            let rest: Substring
            if text.hasPrefix("ingress from ") {
                direction = .ingress
                rest = text.dropFirst("ingress from ".count)
            } else if text.hasPrefix("egress to ") {
                direction = .egress
                rest = text.dropFirst("egress to ".count)
            } else {
                throw error("expected 'ingress from' or 'egress to'")
            }
            guard let portsRange = rest.range(of: " ports ", options: .backwards) else { throw error("expected ' ports '") }
            let peers = try peerList(rest[rest.startIndex..<portsRange.lowerBound])
            let ports = try portList(rest[portsRange.upperBound...])
            return (direction, PlanRule(peers: peers, ports: ports))
        }

        func peerList(_ text: Substring) throws(ParseError) -> [NetworkPolicyPeer]? {
            if text == "any" { return nil }
            if text == "empty" { return [] }
            var peers: [NetworkPolicyPeer] = []
            for part in PlanParser.splitTopLevel(text, separator: ",") { peers.append(try peer(part)) }
            return peers
        }

        func peer(_ text: Substring) throws(ParseError) -> NetworkPolicyPeer {
            if text.hasPrefix("ip ") {
                return NetworkPolicyPeer(ipBlock: try ipBlock(text.dropFirst(3)))
            }
            var peer = NetworkPolicyPeer()
            var rest = text
            if rest.hasPrefix("ns{") {
                let end = rest.firstIndex(of: "}")!
                peer.namespaceSelector = try selector(rest[rest.index(rest.startIndex, offsetBy: 2)...end])
                rest = rest[rest.index(after: end)...].drop { $0 == " " }
            }
            if rest.hasPrefix("pod{") {
                peer.podSelector = try selector(rest.dropFirst(3))
                rest = ""
            }
            guard rest.isEmpty, peer.namespaceSelector != nil || peer.podSelector != nil else { throw error("invalid peer \(QuotedText.quote(String(text)))") }
            return peer
        }

        func ipBlock(_ text: Substring) throws(ParseError) -> IPBlock {
            let parts = text.split(separator: " ", maxSplits: 1)
            guard let cidr = try? CIDR.parse(String(parts[0])) else { throw error("invalid CIDR \(QuotedText.quote(String(parts[0])))") }
            var excepts: [CIDR] = []
            if parts.count == 2 {
                let list = parts[1].dropFirst("except (".count).dropLast()
                for item in list.split(separator: ",") {
                    guard let except = try? CIDR.parse(String(item.trimmedSpaces())) else { throw error("invalid except \(QuotedText.quote(String(item)))") }
                    excepts.append(except)
                }
            }
            return IPBlock(cidr: cidr, except: excepts)
        }

        func selector(_ text: Substring) throws(ParseError) -> LabelSelector {
            guard text.hasPrefix("{"), text.hasSuffix("}") else { throw error("expected a selector in braces, found \(QuotedText.quote(String(text)))") }
            var selector = LabelSelector()
            for part in PlanParser.splitTopLevel(text.dropFirst().dropLast(), separator: ",") where !part.isEmpty {
                selector = try add(part, to: selector)
            }
            return selector
        }

        private func add(_ requirement: Substring, to selector: LabelSelector) throws(ParseError) -> LabelSelector {
            var selector = selector
            if requirement.hasPrefix("!") {
                selector.matchExpressions.append(.init(key: String(requirement.dropFirst()), operator: .doesNotExist))
            } else if requirement.hasSuffix(" exists") {
                selector.matchExpressions.append(.init(key: String(requirement.dropLast(7)), operator: .exists))
            } else if let range = requirement.range(of: " notin (") ?? requirement.range(of: " in (") {
                let key = String(requirement[..<range.lowerBound])
                let values = requirement[range.upperBound...].dropLast().split(separator: ",").map { String($0.trimmedSpaces()) }
                let op: LabelSelectorRequirement.Operator = requirement[range].contains("notin") ? .notIn : .in
                selector.matchExpressions.append(.init(key: key, operator: op, values: values))
            } else if let equals = requirement.firstIndex(of: "=") {
                selector.matchLabels[String(requirement[..<equals])] = String(requirement[requirement.index(after: equals)...])
            } else {
                throw error("invalid requirement \(QuotedText.quote(String(requirement)))")
            }
            return selector
        }

        func portList(_ text: Substring) throws(ParseError) -> [NetworkPolicyPort]? {
            if text == "any" { return nil }
            if text == "empty" { return [] }
            var ports: [NetworkPolicyPort] = []
            for part in text.split(separator: ",") { ports.append(try port(part.trimmedSpaces())) }
            return ports
        }

        func port(_ text: Substring) throws(ParseError) -> NetworkPolicyPort {
            var networkProtocol: NetworkProtocol?
            var value = text
            if let slash = text.firstIndex(of: "/") {
                guard let parsed = NetworkProtocol(rawValue: text[..<slash].uppercased()) else { throw error("invalid protocol in \(QuotedText.quote(String(text)))") }
                networkProtocol = parsed
                value = text[text.index(after: slash)...]
            }
            if value == "*" { return NetworkPolicyPort(protocol: networkProtocol, port: nil) }
            let bounds = value.split(separator: "-")
            if let first = Int(bounds[0]) {
                let end = bounds.count == 2 ? Int(bounds[1]) : nil
                return NetworkPolicyPort(protocol: networkProtocol, port: .number(first), endPort: end)
            }
            return NetworkPolicyPort(protocol: networkProtocol, port: .name(String(value)))
        }
    }
}

extension StringProtocol {
    /// Returns the text without leading and trailing spaces.
    func trimmedSpaces() -> Substring {
        var result = self[...]
        while result.first == " " { result = result.dropFirst() }
        while result.last == " " { result = result.dropLast() }
        return Substring(result)
    }
}
