import RampDiagnostics
import RampIR
import RampKube
import RampSyntax

/// Checks port numbers, ranges and protocols as written in contracts.
struct PortConversion {
    let diagnostics: DiagnosticEngine

    func networkProtocol(_ word: Word?) -> NetworkProtocol? {
        guard let word else { return .tcp }
        switch word.text.lowercased() {
        case "tcp": return .tcp
        case "udp": return .udp
        case "sctp": return .sctp
        default:
            diagnostics.emit(.invalidProtocol(word.text), at: word.range)
            return nil
        }
    }

    /// Parses `8080` or `30000-30100` into a valid inclusive range. It
    /// reads the text's UTF-8 view in place, because every port reference
    /// and declaration passes through here.
    func numberRange(_ word: Word) -> (first: Int, last: Int)? {
        let bytes = word.text.utf8
        let dash = bytes.firstIndex(of: UInt8(ascii: "-"))
        let firstDigits = bytes[..<(dash ?? bytes.endIndex)]
        let lastDigits = dash.map { bytes[bytes.index(after: $0)...] } ?? firstDigits
        guard let first = PortConversion.portNumber(firstDigits), let last = PortConversion.portNumber(lastDigits) else {
            diagnostics.emit(.invalidPort(word.text), at: word.range)
            return nil
        }
        guard first <= last else {
            diagnostics.emit(.invalidPortRange(word.text), at: word.range)
            return nil
        }
        return (first, last)
    }

    /// Returns the value of one to five ASCII digits from 1 to 65535, or
    /// nil, which a second `-` also gives because it is not a digit.
    private static func portNumber(_ digits: Substring.UTF8View) -> Int? {
        guard !digits.isEmpty, digits.count <= 5 else { return nil }
        var number = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return (1...65535).contains(number) ? number : nil
    }

    func containerPort(_ syntax: PortDeclSyntax) -> ContainerPort? {
        if let name = syntax.name, let reason = KubernetesNames.portNameError(name.text) {
            diagnostics.emit(.invalidPortName(name.text, reason: reason), at: name.range)
            return nil
        }
        guard let networkProtocol = networkProtocol(syntax.protocolName), let range = numberRange(syntax.number) else {
            return nil
        }
        return ContainerPort(name: syntax.name?.text, protocol: networkProtocol, first: range.first, last: range.last)
    }
}
