/// Kubernetes' validation rules for names, label keys and label values, as
/// the API server applies them (`k8s.io/apimachinery/pkg/util/validation`).
/// Each function returns nil for a valid value or the reason it is invalid.
public enum KubernetesNames {
    /// Checks a DNS-1123 label: at most 63 characters of lowercase letters,
    /// digits and '-', starting and ending with a letter or digit. Namespace
    /// names follow it.
    public static func dns1123LabelError(_ value: String) -> String? {
        if value.isEmpty { return "must not be empty" }
        if value.utf8.count > 63 { return "must be at most 63 characters, found \(value.utf8.count)" }
        let scalars = Array(value.unicodeScalars)
        guard scalars.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" }) else {
            return "must consist of lowercase letters, digits and '-'"
        }
        guard isLowerAlphanumeric(scalars.first!), isLowerAlphanumeric(scalars.last!) else {
            return "must start and end with a lowercase letter or digit"
        }
        return nil
    }

    /// Checks a DNS-1123 subdomain: at most 253 characters of DNS-1123 labels
    /// joined by '.'. Object names and label key prefixes follow it.
    public static func dns1123SubdomainError(_ value: String) -> String? {
        if value.isEmpty { return "must not be empty" }
        if value.utf8.count > 253 { return "must be at most 253 characters, found \(value.utf8.count)" }
        for label in value.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return "must not contain an empty part between dots" }
            let scalars = Array(label.unicodeScalars)
            guard scalars.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" }) else {
                return "must consist of lowercase letters, digits, '-' and '.'"
            }
            guard isLowerAlphanumeric(scalars.first!), isLowerAlphanumeric(scalars.last!) else {
                return "each part must start and end with a lowercase letter or digit"
            }
        }
        return nil
    }

    /// Checks a label key: an optional DNS-1123 subdomain prefix and '/', then a
    /// name of at most 63 characters of letters, digits, '-', '_' and '.',
    /// starting and ending with a letter or digit.
    public static func labelKeyError(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "must contain at most one '/'" }
        if parts.count == 2, let reason = dns1123SubdomainError(String(parts[0])) {
            return "prefix " + reason
        }
        let name = String(parts.last!)
        if name.isEmpty { return "name part must not be empty" }
        return qualifiedNameError(name, what: "name part")
    }

    /// Checks a label value: empty, or at most 63 characters of letters, digits,
    /// '-', '_' and '.', starting and ending with a letter or digit.
    public static func labelValueError(_ value: String) -> String? {
        if value.isEmpty { return nil }
        return qualifiedNameError(value, what: "value")
    }

    private static func qualifiedNameError(_ value: String, what: String) -> String? {
        if value.utf8.count > 63 { return "\(what) must be at most 63 characters, found \(value.utf8.count)" }
        let scalars = Array(value.unicodeScalars)
        guard scalars.allSatisfy({ isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }) else {
            return "\(what) must consist of letters, digits, '-', '_' and '.'"
        }
        guard isAlphanumeric(scalars.first!), isAlphanumeric(scalars.last!) else {
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
        let dash = UInt8(ascii: "-")
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

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isLowerAlphanumeric(scalar) || ("A"..."Z").contains(scalar)
    }
}
