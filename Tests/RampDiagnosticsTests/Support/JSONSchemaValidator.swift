import Foundation

/// A JSON Schema validator for the keywords that the SARIF 2.1.0 schema uses.
///
/// The SARIF schema declares draft-04, and this validator implements these
/// keywords as draft-04 defines them: `type`, `properties`, `required`, `additionalProperties`, `enum`,
/// `items`, `minItems`, `uniqueItems`, `minimum`, `maximum`, `pattern`,
/// `$ref` to `#/definitions/…`, `anyOf`, `oneOf`, `allOf`. It ignores only
/// annotations (`description`, `title`, `default`, `$schema`, `id`,
/// `definitions`) and `format`, which draft-04 leaves optional. Any other
/// keyword is reported as an error, so a schema that needs more than this
/// validator supports fails instead of passing unchecked.
///
/// Values come from `JSONSerialization`. It returns booleans as NSNumber
/// instances whose `objCType` is `c`, and that is how booleans are told from
/// numbers. It also drops the difference between `1` and `1.0`, so an
/// integral number counts as an integer, as in draft-06 and later.
struct JSONSchemaValidator {
    let root: [String: Any]

    static let ignoredKeywords: Set<String> = ["description", "title", "default", "$schema", "id", "definitions", "format"]

    init(schema: [String: Any]) {
        self.root = schema
    }

    /// Returns one message per violation, each with the JSON pointer of the
    /// offending value. An empty list means the instance is valid.
    func validate(_ instance: Any) -> [String] {
        var errors: [String] = []
        validate(instance, against: root, at: "", errors: &errors)
        return errors
    }

    // MARK: - Keywords

    private func validate(_ instance: Any, against schema: [String: Any], at path: String, errors: inout [String]) {
        for keyword in schema.keys where !JSONSchemaValidator.ignoredKeywords.contains(keyword) {
            switch keyword {
            case "$ref":
                validateReference(instance, schema["$ref"] as! String, at: path, errors: &errors)
            case "type":
                validateType(instance, schema["type"]!, at: path, errors: &errors)
            case "enum":
                let allowed = schema["enum"] as! [Any]
                if !allowed.contains(where: { JSONSchemaValidator.equal($0, instance) }) {
                    errors.append("\(path): value \(instance) is not one of \(allowed)")
                }
            case "properties", "additionalProperties", "required":
                break  // Checked together below, because they depend on one another.
            case "items":
                validateItems(instance, schema["items"] as! [String: Any], at: path, errors: &errors)
            case "minItems":
                if let array = instance as? [Any], array.count < (schema["minItems"] as! Int) {
                    errors.append("\(path): array has \(array.count) items, fewer than \(schema["minItems"]!)")
                }
            case "uniqueItems":
                validateUniqueItems(instance, schema["uniqueItems"] as! Bool, at: path, errors: &errors)
            case "minimum", "maximum":
                validateBound(instance, keyword: keyword, bound: (schema[keyword] as! NSNumber).doubleValue, at: path, errors: &errors)
            case "pattern":
                validatePattern(instance, schema["pattern"] as! String, at: path, errors: &errors)
            case "anyOf", "oneOf", "allOf":
                validateCombination(instance, keyword: keyword, schemas: schema[keyword] as! [[String: Any]], at: path, errors: &errors)
            default:
                errors.append("\(path): unsupported schema keyword '\(keyword)'")
            }
        }
        if schema["properties"] != nil || schema["additionalProperties"] != nil || schema["required"] != nil {
            validateObject(instance, schema, at: path, errors: &errors)
        }
    }

    private func validateReference(_ instance: Any, _ reference: String, at path: String, errors: inout [String]) {
        let prefix = "#/definitions/"
        guard reference.hasPrefix(prefix),
              let definitions = root["definitions"] as? [String: Any],
              let target = definitions[String(reference.dropFirst(prefix.count))] as? [String: Any]
        else {
            errors.append("\(path): unresolvable $ref '\(reference)'")
            return
        }
        validate(instance, against: target, at: path, errors: &errors)
    }

    private func validateType(_ instance: Any, _ type: Any, at path: String, errors: inout [String]) {
        let types = (type as? [String]) ?? [type as! String]
        if !types.contains(where: { JSONSchemaValidator.matches(instance, type: $0) }) {
            errors.append("\(path): value \(instance) is not of type \(types.joined(separator: " or "))")
        }
    }

    private func validateObject(_ instance: Any, _ schema: [String: Any], at path: String, errors: inout [String]) {
        guard let object = instance as? [String: Any] else { return }
        let properties = schema["properties"] as? [String: Any] ?? [:]
        for name in schema["required"] as? [String] ?? [] where object[name] == nil {
            errors.append("\(path): missing required property '\(name)'")
        }
        for (name, value) in object {
            let childPath = path + "/" + name
            if let propertySchema = properties[name] as? [String: Any] {
                validate(value, against: propertySchema, at: childPath, errors: &errors)
            } else if let additional = schema["additionalProperties"] as? [String: Any] {
                validate(value, against: additional, at: childPath, errors: &errors)
            } else if schema["additionalProperties"] as? Bool == false {
                errors.append("\(path): property '\(name)' is not allowed")
            }
        }
    }

    private func validateItems(_ instance: Any, _ itemSchema: [String: Any], at path: String, errors: inout [String]) {
        guard let array = instance as? [Any] else { return }
        for (index, element) in array.enumerated() {
            validate(element, against: itemSchema, at: "\(path)/\(index)", errors: &errors)
        }
    }

    private func validateUniqueItems(_ instance: Any, _ unique: Bool, at path: String, errors: inout [String]) {
        guard unique, let array = instance as? [Any] else { return }
        for i in array.indices {
            for j in array.indices where j > i && JSONSchemaValidator.equal(array[i], array[j]) {
                errors.append("\(path): items \(i) and \(j) are equal but must be unique")
            }
        }
    }

    private func validateBound(_ instance: Any, keyword: String, bound: Double, at path: String, errors: inout [String]) {
        guard let number = instance as? NSNumber, !JSONSchemaValidator.isBoolean(number) else { return }
        let value = number.doubleValue
        if keyword == "minimum" ? value < bound : value > bound {
            errors.append("\(path): \(value) violates \(keyword) \(bound)")
        }
    }

    private func validatePattern(_ instance: Any, _ pattern: String, at path: String, errors: inout [String]) {
        guard let string = instance as? String else { return }
        // JSON Schema patterns are unanchored (ECMA 262 semantics), like NSRegularExpression's search.
        let expression = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(string.startIndex..., in: string)
        if expression.firstMatch(in: string, range: range) == nil {
            errors.append("\(path): '\(string)' does not match pattern \(pattern)")
        }
    }

    private func validateCombination(_ instance: Any, keyword: String, schemas: [[String: Any]], at path: String, errors: inout [String]) {
        let passing = schemas.filter { candidate in
            var candidateErrors: [String] = []
            validate(instance, against: candidate, at: path, errors: &candidateErrors)
            return candidateErrors.isEmpty
        }.count
        switch keyword {
        case "anyOf" where passing == 0:
            errors.append("\(path): value matches none of the anyOf schemas")
        case "oneOf" where passing != 1:
            errors.append("\(path): value matches \(passing) of the oneOf schemas instead of exactly one")
        case "allOf" where passing != schemas.count:
            errors.append("\(path): value fails \(schemas.count - passing) of the allOf schemas")
        default:
            break
        }
    }

    // MARK: - Values

    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    static func matches(_ instance: Any, type: String) -> Bool {
        switch type {
        case "object": return instance is [String: Any]
        case "array": return instance is [Any]
        case "string": return instance is String
        case "null": return instance is NSNull
        case "boolean": return (instance as? NSNumber).map(isBoolean) ?? false
        case "number":
            guard let number = instance as? NSNumber else { return false }
            return !isBoolean(number)
        case "integer":
            guard let number = instance as? NSNumber, !isBoolean(number) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        default: return false
        }
    }

    /// Compares two JSON values structurally, as `enum` and `uniqueItems` require.
    static func equal(_ left: Any, _ right: Any) -> Bool {
        switch (left, right) {
        case let (l as String, r as String):
            return l == r
        case let (l as NSNumber, r as NSNumber):
            return isBoolean(l) == isBoolean(r) && l == r
        case (is NSNull, is NSNull):
            return true
        case let (l as [Any], r as [Any]):
            return l.count == r.count && zip(l, r).allSatisfy { equal($0, $1) }
        case let (l as [String: Any], r as [String: Any]):
            return l.count == r.count && l.allSatisfy { key, value in r[key].map { equal(value, $0) } ?? false }
        default:
            return false
        }
    }
}
