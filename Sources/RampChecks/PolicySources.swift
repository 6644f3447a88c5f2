import RampEvaluator
import RampIR
import RampKube
import RampLowering
import RampSource

/// One place that produced a policy or a rule: a contract statement for a
/// generated policy, or the manifest lines of a policy read from YAML.
public struct PolicySource: Hashable, Sendable {
    /// Nil when the place is known only as text.
    public let range: SourceRange?
    /// A short description, such as "dependency" or "cluster DNS for egress-isolated pods".
    public let description: String

    public init(range: SourceRange?, description: String) {
        self.range = range
        self.description = description
    }

    /// `path:line:column`, or the description alone without a range.
    public var location: String { range?.locationDescription ?? description }
}

/// Maps the policies and rules that the evaluator names back to where they
/// came from, so that a diagnostic can point there.
public protocol PolicySources {
    func sources(of rule: RuleReference) -> [PolicySource]
    func sources(of policy: PolicyReference) -> [PolicySource]
    /// Returns the places behind a rule that account for one connection it
    /// admits, when a rule merges several statements.
    func sources(of rule: RuleReference, admitting connection: Connection) -> [PolicySource]
}

extension PolicySources {
    public func sources(of rule: RuleReference, admitting connection: Connection) -> [PolicySource] {
        sources(of: rule)
    }
}

// MARK: - Generated policies

/// The contract statements behind the objects of a lowered plan.
///
/// Plan objects and rules carry their origins as `path:line:column` text,
/// optionally followed by a space and a description. The text is matched
/// against the locations of the program's dependencies, postures, DNS
/// settings and services to recover the source range.
public struct GeneratedPolicySources: PolicySources {
    private let objects: [String: PlanObject]
    private let rangesByLocation: [String: SourceRange]
    private let dependenciesByRange: [SourceRange: [Dependency]]
    private let matching: ConnectionMatching

    public init(plan: PolicyPlan, program: Program) {
        var objects: [String: PlanObject] = [:]
        for object in plan.objects { objects[object.namespace + "/" + object.name] = object }
        self.objects = objects

        var ranges: [String: SourceRange] = [:]
        func add(_ range: SourceRange?) {
            guard let range else { return }
            ranges[range.locationDescription] = ranges[range.locationDescription] ?? range
        }
        for dependency in program.dependencies { add(dependency.origin) }
        dependenciesByRange = Dictionary(grouping: program.dependencies, by: \.origin)
        matching = ConnectionMatching(program: program)
        for namespace in program.namespaces {
            add(namespace.postureOrigin)
            add(namespace.dnsOrigin)
            for service in namespace.services { add(service.origin) }
        }
        rangesByLocation = ranges
    }

    public func sources(of rule: RuleReference) -> [PolicySource] {
        guard let object = objects[rule.policy.description] else { return [] }
        let rules = object.rules(rule.direction)
        guard rule.ruleIndex < rules.count else { return [] }
        return rules[rule.ruleIndex].origins.map { source(of: $0, defaultDescription: "dependency") }
    }

    public func sources(of policy: PolicyReference) -> [PolicySource] {
        (objects[policy.description]?.origins ?? []).map { source(of: $0, defaultDescription: "declaration") }
    }

    /// Keeps the dependencies whose client, server and ports contain the
    /// connection, because passes merge several dependencies into one rule.
    /// Returns every origin when none of them is such a dependency.
    public func sources(of rule: RuleReference, admitting connection: Connection) -> [PolicySource] {
        let all = sources(of: rule)
        let containing = all.filter { place in
            guard let range = place.range, let dependencies = dependenciesByRange[range] else { return false }
            return dependencies.contains { matching.dependency($0, contains: connection) }
        }
        return containing.isEmpty ? all : containing
    }

    /// Splits an origin text into its location and description.
    private func source(of origin: String, defaultDescription: String) -> PolicySource {
        if let range = rangesByLocation[origin] {
            return PolicySource(range: range, description: defaultDescription)
        }
        // A path may contain spaces, so try every location that prefixes the text.
        for (location, range) in rangesByLocation where origin.hasPrefix(location + " ") {
            return PolicySource(range: range, description: String(origin.dropFirst(location.count + 1)))
        }
        return PolicySource(range: nil, description: origin)
    }
}

// MARK: - Policies read from manifests

/// The manifest lines behind policies read by `NetworkPolicyDecoder`.
public struct ManifestPolicySources: PolicySources {
    private let policies: [String: DecodedNetworkPolicy]

    public init(_ decoded: [DecodedNetworkPolicy]) {
        var policies: [String: DecodedNetworkPolicy] = [:]
        for policy in decoded {
            let key = policy.policy.namespace + "/" + policy.policy.name
            policies[key] = policies[key] ?? policy
        }
        self.policies = policies
    }

    public func sources(of rule: RuleReference) -> [PolicySource] {
        guard let decoded = policies[rule.policy.description] else { return [] }
        let rules = rule.direction == .ingress ? decoded.ranges.ingress : decoded.ranges.egress
        guard let rules, rule.ruleIndex < rules.count else { return [] }
        return [PolicySource(range: rules[rule.ruleIndex].rule, description: "rule")]
    }

    public func sources(of policy: PolicyReference) -> [PolicySource] {
        guard let decoded = policies[policy.description] else { return [] }
        return [PolicySource(range: decoded.ranges.name ?? decoded.ranges.object, description: "policy")]
    }
}
