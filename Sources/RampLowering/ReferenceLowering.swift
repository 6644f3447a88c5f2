import RampIR
import RampKube

/// The lowering that is obviously correct: one object per namespace posture
/// and, for every dependency, one object per isolated subject and direction
/// holding just that dependency's rule. DNS gets one object per
/// egress-isolated subject. Optimization passes start from this plan.
///
/// `lowerGrouped` builds the plan that `GroupBySubject` makes of this one,
/// one object per subject, without first naming the per-rule objects,
/// because naming them hashes every rule's text.
public struct ReferenceLowering {
    let program: Program
    let numbers: ServiceNumbers
    let subjects: Subjects
    /// Whether each subject's rules go into one object named after the subject.
    let grouped: Bool
    var objects: [PlanObject] = []
    var counters: [String: Int] = [:]
    /// The object index of each subject in a grouped plan, by subject index.
    var groupIndices: [Int?] = []
    /// The number of ingress and of egress rules that dependencies give
    /// each subject, by subject index, so that a grouped object reserves
    /// its rule lists once instead of growing them rule by rule.
    var ruleCounts: [(ingress: Int, egress: Int)] = []
    var groupIndexByKey: [String: Int] = [:]
    var lookups: LoweringLookups

    public static func lower(_ program: Program) -> PolicyPlan {
        var lowering = ReferenceLowering(program: program, grouped: false)
        return lowering.run()
    }

    /// Returns the plan that `lower` followed by `GroupBySubject` returns.
    public static func lowerGrouped(_ program: Program) -> PolicyPlan {
        var lowering = ReferenceLowering(program: program, grouped: true)
        return lowering.run()
    }

    private mutating func run() -> PolicyPlan {
        addPostures()
        addDependencies()
        addDNS()
        return PolicyPlan(objects: objects)
    }

    // TODO: a build reaches its peak memory during this lowering, and on many
    // small namespaces the subjects, service numbers and lookups made here
    // take about 1.6 KB per namespace (heaptrack, 45,000 namespaces). The
    // subject dictionary and the per-namespace policy-type sets are the
    // largest parts that per-number arrays and shared sets could replace.
    init(program: Program, grouped: Bool) {
        self.program = program
        self.numbers = ServiceNumbers(program: program)
        self.subjects = Subjects(program: program, numbers: numbers)
        self.lookups = LoweringLookups(program: program, subjects: subjects, numbers: numbers)
        self.grouped = grouped
        self.groupIndices = Array(repeating: nil, count: subjects.ordered.count)
        if grouped {
            // Each grouped object belongs to at least one subject.
            objects.reserveCapacity(subjects.ordered.count)
        }
    }

    private mutating func addPostures() {
        for subject in subjects.ordered {
            guard case .namespace = subject.key else { continue }
            append(PlanObject(
                namespace: subject.namespace, name: subject.name, podSelector: subject.podSelector,
                policyTypes: subject.policyTypes, origins: [subject.origin]
            ), subject: subject)
        }
    }

    private mutating func addDependencies() {
        let origins = DependencyOrigins.origins(of: program.dependencies)
        let dependencies = program.dependencies
        // Reading the fields in place copies no whole dependency.
        dependencies.withUnsafeBufferPointer { dependencies in
            if grouped { countRules(dependencies) }
            for index in dependencies.indices {
                let ports = lookups.ports(for: dependencies[index].ports)
                let client = numbers.clients[index]
                let server = numbers.servers[index]
                for subjectIndex in lookups.isolatedSubjects(in: dependencies[index].server, serviceNumber: server, direction: .ingress) {
                    add(
                        peer: dependencies[index].client, serviceNumber: client, ports: ports, origins: origins[index],
                        subjectIndex: subjectIndex, direction: .ingress
                    )
                }
                for subjectIndex in lookups.isolatedSubjects(in: dependencies[index].client, serviceNumber: client, direction: .egress) {
                    add(
                        peer: dependencies[index].server, serviceNumber: server, ports: ports, origins: origins[index],
                        subjectIndex: subjectIndex, direction: .egress
                    )
                }
            }
        }
    }

    private mutating func countRules(_ dependencies: UnsafeBufferPointer<Dependency>) {
        var counts = Array(repeating: (ingress: 0, egress: 0), count: subjects.ordered.count)
        for index in dependencies.indices {
            let server = numbers.servers[index]
            for subjectIndex in lookups.isolatedSubjects(in: dependencies[index].server, serviceNumber: server, direction: .ingress) {
                counts[subjectIndex].ingress += 1
            }
            let client = numbers.clients[index]
            for subjectIndex in lookups.isolatedSubjects(in: dependencies[index].client, serviceNumber: client, direction: .egress) {
                counts[subjectIndex].egress += 1
            }
        }
        ruleCounts = counts
    }

    private mutating func add(
        peer: @autoclosure () -> Endpoint, serviceNumber: Int?, ports: [NetworkPolicyPort]?, origins: [String],
        subjectIndex: Int, direction: NetworkPolicy.PolicyType
    ) {
        let peers = lookups.peers(for: peer(), serviceNumber: serviceNumber, fromSubject: subjectIndex)
        let rule = PlanRule(peers: peers, ports: ports, origins: origins)
        if grouped {
            let index = groupIndices[subjectIndex] ?? addGroupedObject(subjectIndex: subjectIndex)
            addRule(rule, direction: direction, toObjectAt: index)
            return
        }

        let subject = subjects.ordered[subjectIndex]
        let name = grouped ? subject.name : nextName(subject, suffix: direction.rawValue.lowercased(), content: ruleText(rule))
        var object = PlanObject(
            namespace: subject.namespace, name: name,
            subject: subject.name, podSelector: subject.podSelector, policyTypes: [direction], origins: [subject.origin]
        )
        object.setRules([rule], direction)
        append(object, subject: subject)
    }

    /// Returns the index of a new grouped object for the subject at
    /// `subjectIndex`, as `append` would make it, but without rules. It
    /// already lists the policy types of the rules that `addRule` adds later.
    private mutating func addGroupedObject(subjectIndex: Int) -> Int {
        let subject = subjects.ordered[subjectIndex]
        let counts = ruleCounts[subjectIndex]
        var object = PlanObject(
            namespace: subject.namespace, name: subject.name, podSelector: subject.podSelector,
            policyTypes: ReferenceLowering.policyTypes(ingress: counts.ingress > 0, egress: counts.egress > 0),
            origins: [subject.origin]
        )
        object.ingress.reserveCapacity(ruleCounts[subjectIndex].ingress)
        object.egress.reserveCapacity(ruleCounts[subjectIndex].egress)
        append(object, subject: subject)
        return groupIndices[subjectIndex]!
    }

    /// The four sets of policy types, made once, because inserting a policy
    /// type hashes its string.
    private static let policyTypeSets: [Set<NetworkPolicy.PolicyType>] = [[], [.ingress], [.egress], [.ingress, .egress]]

    private static func policyTypes(ingress: Bool, egress: Bool) -> Set<NetworkPolicy.PolicyType> {
        policyTypeSets[(ingress ? 1 : 0) + (egress ? 2 : 0)]
    }

    /// Appends `rule` to a grouped object, which lists the rule's policy
    /// type since `addGroupedObject` made it.
    private mutating func addRule(_ rule: PlanRule, direction: NetworkPolicy.PolicyType, toObjectAt index: Int) {
        if direction == .ingress {
            objects[index].ingress.append(rule)
        } else {
            objects[index].egress.append(rule)
        }
    }

    /// Appends a new object, or in a grouped plan merges it into the object
    /// of its subject, keyed by namespace and subject name as `GroupBySubject` does.
    private mutating func append(_ object: PlanObject, subject: Subjects.Subject) {
        guard grouped else {
            objects.append(object)
            return
        }

        // A subject keeps its key, so an object it already has is found by
        // its index without hashing the key again.
        if let index = groupIndices[subject.index] {
            merge(object, intoObjectAt: index)
            return
        }

        // Services have unique names in a namespace, so only a posture
        // subject and a service named like its object can share a key. Only
        // that name needs the dictionary.
        if object.subject == Subjects.namespacePolicyName {
            let key = object.namespace + "/" + object.subject
            if let index = groupIndexByKey[key] {
                groupIndices[subject.index] = index
                merge(object, intoObjectAt: index)
                return
            }
            groupIndexByKey[key] = objects.count
        }

        groupIndices[subject.index] = objects.count
        var first = object
        first.name = object.subject
        objects.append(first)
    }

    private mutating func merge(_ object: PlanObject, intoObjectAt index: Int) {
        precondition(objects[index].podSelector == object.podSelector, "objects of one subject select the same pods")
        objects[index].policyTypes.formUnion(object.policyTypes)
        objects[index].ingress += object.ingress
        objects[index].egress += object.egress
        for origin in object.origins where !objects[index].origins.contains(origin) {
            objects[index].origins.append(origin)
        }
    }

    private func ruleText(_ rule: PlanRule) -> String {
        PlanPrinter.peers(rule.peers) + " ports " + PlanPrinter.ports(rule.ports)
    }

    private mutating func addDNS() {
        for (position, namespace) in program.namespaces.enumerated() where namespace.dnsEnabled {
            let namespaceOrigin = (namespace.dnsOrigin ?? namespace.postureOrigin)?.locationDescription
            // Subjects that share the namespace's origin share its rules.
            let namespaceRules = namespaceOrigin.map { dnsRules(origin: $0) }
            for subjectIndex in subjects.isolatedIndices(inNamespaceAt: position, direction: .egress) {
                let subject = subjects.ordered[subjectIndex]
                let rules = namespaceRules ?? dnsRules(origin: subject.location)
                if grouped, let index = groupIndices[subjectIndex] {
                    addDNSRules(rules, of: subject, toObjectAt: index)
                    continue
                }

                let name = grouped ? subject.name : nextName(subject, suffix: "dns", content: "")
                append(PlanObject(
                    namespace: subject.namespace, name: name, subject: subject.name,
                    podSelector: subject.podSelector, policyTypes: [.egress], egress: rules, origins: [subject.origin]
                ), subject: subject)
            }
        }
    }

    /// Merges the DNS object of `subject` into the subject's grouped object,
    /// as `merge` would, without making the object first.
    private mutating func addDNSRules(_ rules: [PlanRule], of subject: Subjects.Subject, toObjectAt index: Int) {
        precondition(objects[index].podSelector == subject.podSelector, "objects of one subject select the same pods")
        if !objects[index].policyTypes.contains(.egress) { objects[index].policyTypes.insert(.egress) }
        objects[index].egress += rules
        if !objects[index].origins.contains(subject.origin) { objects[index].origins.append(subject.origin) }
    }

    private func dnsRules(origin: String) -> [PlanRule] {
        ClusterDNS.rules(program.environment.profile, origins: [origin + " cluster DNS for egress-isolated pods"])
    }

    /// Names objects `<subject>-<suffix>-<hash of the rule>`, so that a
    /// contract change renames no other object; a repeated rule gets `-2`,
    /// `-3` and so on.
    private mutating func nextName(_ subject: Subjects.Subject, suffix: String, content: String) -> String {
        let base = content.isEmpty ? "\(subject.name)-\(suffix)" : "\(subject.name)-\(suffix)-\(ReferenceLowering.shortHash(content))"
        let key = subject.namespace + "/" + base
        counters[key, default: 0] += 1
        let count = counters[key]!
        return count == 1 ? base : "\(base)-\(count)"
    }

    /// Returns eight hex digits of the 64-bit FNV-1a hash of `text`: stable
    /// across runs and platforms, unlike Swift's seeded `Hasher`.
    static func shortHash(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
