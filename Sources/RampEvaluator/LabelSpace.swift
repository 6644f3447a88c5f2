import RampKube

/// The label keys that a group of selectors mentions, each with a finite
/// set of value classes: one class per value that some selector names, one
/// class for every other value, and one for the key being absent.
///
/// Label selectors test only equality with named values and presence, so
/// two label maps that agree on the value class of every key match the same
/// selectors of the group. That makes the classes an exact abstraction.
struct LabelSpace: Sendable {
    struct KeyDomain: Sendable {
        let key: String
        /// The values the selectors name, sorted. Value class `i` is `values[i]`.
        let values: [String]
        private let classOfValue: [String: Int]

        init(key: String, values: [String]) {
            self.key = key
            self.values = values
            classOfValue = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        }

        var otherClass: Int { values.count }
        var absentClass: Int { values.count + 1 }
        var classCount: Int { values.count + 2 }

        func valueClass(of value: String) -> Int {
            classOfValue[value] ?? otherClass
        }
    }

    let domains: [KeyDomain]
    private let domainIndex: [String: Int]

    /// Builds the space of the keys and values that `selectors` name, plus `extraKeys`.
    init(selectors: [LabelSelector], extraKeys: [String] = []) {
        var valuesByKey: [String: Set<String>] = [:]
        for key in extraKeys { valuesByKey[key, default: []] = [] }
        for selector in selectors {
            for (key, value) in selector.matchLabels { valuesByKey[key, default: []].insert(value) }
            for requirement in selector.matchExpressions {
                valuesByKey[requirement.key, default: []].formUnion(requirement.values)
            }
        }
        domains = valuesByKey.keys.sorted().map { KeyDomain(key: $0, values: valuesByKey[$0]!.sorted()) }
        domainIndex = Dictionary(uniqueKeysWithValues: domains.enumerated().map { ($1.key, $0) })
    }

    /// The box of every label map.
    var fullBox: LabelBox {
        LabelBox(allowed: domains.map { BitSet(allBelow: $0.classCount) })
    }

    func domainIndex(of key: String) -> Int? { domainIndex[key] }

    // MARK: - Compiling selectors

    /// Translates a selector into value-class constraints. The selector's
    /// keys must belong to the space.
    func compile(_ selector: LabelSelector) -> LabelConstraint {
        var allowedByKey: [Int: BitSet] = [:]
        func restrict(_ key: String, to allowed: BitSet) {
            let index = domainIndex[key]!
            allowedByKey[index] = allowedByKey[index].map { $0.intersection(allowed) } ?? allowed
        }
        for (key, value) in selector.matchLabels {
            restrict(key, to: BitSet([domains[domainIndex[key]!].valueClass(of: value)]))
        }
        for requirement in selector.matchExpressions {
            restrict(requirement.key, to: allowedClasses(of: requirement))
        }
        let terms = allowedByKey.keys.sorted().map { LabelConstraint.Term(domain: $0, allowed: allowedByKey[$0]!) }
        return LabelConstraint(terms: terms)
    }

    private func allowedClasses(of requirement: LabelSelectorRequirement) -> BitSet {
        let domain = domains[domainIndex[requirement.key]!]
        let named = BitSet(requirement.values.map(domain.valueClass(of:)))
        let every = BitSet(allBelow: domain.classCount)
        switch requirement.operator {
        case .in: return named
        // NotIn and DoesNotExist match a missing key, as the API defines them.
        case .notIn: return every.subtracting(named)
        case .exists: return every.subtracting(BitSet([domain.absentClass]))
        case .doesNotExist: return BitSet([domain.absentClass])
        }
    }

    // MARK: - Partition refinement

    /// Returns the number of label classes past which a partition stops.
    /// Each pod selector on its own key doubles the classes, and 14 of them
    /// took 4 GB. Selectors on one key split it into at most one class more
    /// than there are selectors, so twice as many classes as predicates are
    /// always allowed: more than 4,096 namespaces, each selected by name,
    /// still compare.
    static func maximumClasses(predicates: Int) -> Int {
        max(4096, 2 * predicates)
    }

    /// Splits `initial` into classes that each satisfy exactly the same
    /// predicates, and returns one class per distinct signature. A class's
    /// `satisfied` lists predicate indices.
    ///
    /// Predicates that constrain a single key, the usual case, split that
    /// key's value classes directly, and the classes start as the product of
    /// those splits. Only predicates over several keys (or none) refine the
    /// classes one by one, which costs a pass over all classes each.
    func partition(_ initial: LabelBox, by predicates: [LabelConstraint]) throws(PolicyValidationError) -> [LabelClass] {
        let limit = LabelSpace.maximumClasses(predicates: predicates.count)
        var singleKey: [Int: [Int]] = [:]
        var general: [Int] = []
        for (index, predicate) in predicates.enumerated() {
            if predicate.terms.count == 1 {
                singleKey[predicate.terms[0].domain, default: []].append(index)
            } else {
                general.append(index)
            }
        }

        var classes = [LabelClass(box: initial, satisfied: BitSet())]
        for domain in singleKey.keys.sorted() {
            let parts = splitValueClasses(initial.allowed[domain], by: singleKey[domain]!.map { ($0, predicates[$0].terms[0].allowed) })
            classes = classes.flatMap { labelClass in
                parts.map { part in
                    var box = labelClass.box
                    box.allowed[domain] = part.valueClasses
                    return LabelClass(box: box, satisfied: labelClass.satisfied.union(part.satisfied))
                }
            }
            try checkCount(classes, limit: limit)
        }
        for index in general {
            classes = refine(classes, by: predicates[index], index: index)
            try checkCount(classes, limit: limit)
        }

        var seen: Set<BitSet> = []
        return classes.filter { seen.insert($0.satisfied).inserted }
    }

    private func checkCount(_ classes: [LabelClass], limit: Int) throws(PolicyValidationError) {
        guard classes.count <= limit else { throw .tooManyLabelClasses(limit: limit) }
    }

    /// Groups one key's allowed value classes by the predicates they satisfy,
    /// in order of their first value class.
    private func splitValueClasses(_ allowed: BitSet, by predicates: [(index: Int, allowed: BitSet)]) -> [(valueClasses: BitSet, satisfied: BitSet)] {
        var signatures: [Int: BitSet] = [:]
        for predicate in predicates {
            for valueClass in predicate.allowed.intersection(allowed).members {
                signatures[valueClass, default: BitSet()].insert(predicate.index)
            }
        }
        var order: [BitSet] = []
        var members: [BitSet: BitSet] = [:]
        for valueClass in allowed.members {
            let signature = signatures[valueClass] ?? BitSet()
            if members[signature] == nil { order.append(signature) }
            members[signature, default: BitSet()].insert(valueClass)
        }
        return order.map { (valueClasses: members[$0]!, satisfied: $0) }
    }

    /// Splits every class into its part inside the predicate and the parts outside.
    private func refine(_ classes: [LabelClass], by predicate: LabelConstraint, index: Int) -> [LabelClass] {
        var refined: [LabelClass] = []
        refined.reserveCapacity(classes.count + 1)
        for labelClass in classes {
            guard let inside = labelClass.box.intersection(predicate) else {
                refined.append(labelClass)
                continue
            }
            var satisfied = labelClass.satisfied
            satisfied.insert(index)
            refined.append(LabelClass(box: inside, satisfied: satisfied))
            for outside in labelClass.box.pieces(outside: predicate) {
                refined.append(LabelClass(box: outside, satisfied: labelClass.satisfied))
            }
        }
        return refined
    }

    // MARK: - Representatives and descriptions

    /// Returns a label map inside the box. It leaves a key out when the box
    /// allows that, takes the first named value otherwise, and makes up a
    /// value that no selector names when only "any other value" is allowed.
    func representative(of box: LabelBox) -> [String: String] {
        var labels: [String: String] = [:]
        for (index, domain) in domains.enumerated() {
            let allowed = box.allowed[index]
            if allowed.contains(domain.absentClass) { continue }
            if let named = allowed.members.first(where: { $0 < domain.values.count }) {
                labels[domain.key] = domain.values[named]
            } else {
                labels[domain.key] = freshValue(for: domain)
            }
        }
        return labels
    }

    /// Up to `count` distinct values that the box allows for a key that it
    /// requires to be present: named values first, then made-up ones.
    func candidateValues(_ key: String, in box: LabelBox, count: Int) -> [String] {
        let index = domainIndex[key]!
        let domain = domains[index]
        let allowed = box.allowed[index]
        var values = allowed.members.filter { $0 < domain.values.count }.prefix(count).map { domain.values[$0] }
        var skip = 0
        while values.count < count && allowed.contains(domain.otherClass) {
            values.append(freshValue(for: domain, skipping: skip))
            skip += 1
        }
        return values
    }

    /// Returns a valid label value and DNS-1123 label that no selector names
    /// for the key. A larger `skipping` selects a later value, so that callers
    /// can obtain several distinct ones.
    private func freshValue(for domain: KeyDomain, skipping: Int = 0) -> String {
        var remaining = skipping
        var counter = 1
        while true {
            let candidate = counter == 1 ? "other" : "other-\(counter)"
            counter += 1
            if domain.values.contains(candidate) { continue }
            if remaining == 0 { return candidate }
            remaining -= 1
        }
    }

    /// Returns a selector-like text for the box, such as `app=web,tier notin (db)`,
    /// leaving out keys on which it is as wide as `initial`. A key allowed
    /// to be missing or one of a few values reads `!k or k in (a,b)`.
    func describe(_ box: LabelBox, relativeTo initial: LabelBox) -> String {
        var parts: [String] = []
        for (index, domain) in domains.enumerated() where box.allowed[index] != initial.allowed[index] {
            parts.append(describe(box.allowed[index], of: domain, initial: initial.allowed[index]))
        }
        return parts.isEmpty ? "(any labels)" : parts.joined(separator: ",")
    }

    private func describe(_ allowed: BitSet, of domain: KeyDomain, initial: BitSet) -> String {
        let key = domain.key
        let values: (BitSet) -> [String] = { set in set.members.filter { $0 < domain.values.count }.map { domain.values[$0] } }
        // A key that is never missing, such as a namespace's name label, needs no "!k" part.
        let absentMatters = initial.contains(domain.absentClass)
        let absentAllowed = allowed.contains(domain.absentClass)
        let list: ([String]) -> String = { "(" + $0.joined(separator: ",") + ")" }

        if !allowed.contains(domain.otherClass) {
            let named = values(allowed)
            let inList = named.count == 1 ? "\(key)=\(named[0])" : "\(key) in \(list(named))"
            guard absentAllowed && absentMatters else { return inList }
            return named.isEmpty ? "!\(key)" : "!\(key) or \(inList)"
        }
        // A class of one namespace leaves out every other name. Listing those
        // names for every class grew with the square of the namespaces.
        let excluded = values(initial.subtracting(allowed))
        if absentAllowed || !absentMatters {
            return "\(key) notin \(list(excluded))"
        }
        return excluded.isEmpty ? key : "\(key),\(key) notin \(list(excluded))"
    }
}

/// A compiled label selector: for each key it constrains, the allowed value classes.
struct LabelConstraint: Hashable, Sendable {
    struct Term: Hashable, Sendable {
        let domain: Int
        let allowed: BitSet
    }

    /// Terms in increasing domain order.
    let terms: [Term]
}

/// A set of label maps that is a product over keys: a map is inside when
/// the value class of each key is in that key's allowed set.
struct LabelBox: Hashable, Sendable {
    var allowed: [BitSet]

    /// Returns the part of the box that satisfies the constraint, or nil when that part is empty.
    func intersection(_ constraint: LabelConstraint) -> LabelBox? {
        var result = self
        for term in constraint.terms {
            result.allowed[term.domain] = allowed[term.domain].intersection(term.allowed)
            if result.allowed[term.domain].isEmpty { return nil }
        }
        return result
    }

    /// Disjoint boxes that together make up the part of the box outside the
    /// constraint: the first one fails the first term, the next one passes
    /// the first term and fails the second, and so on.
    func pieces(outside constraint: LabelConstraint) -> [LabelBox] {
        var pieces: [LabelBox] = []
        var passing = self
        for term in constraint.terms {
            let current = passing.allowed[term.domain]
            let failing = current.subtracting(term.allowed)
            if !failing.isEmpty {
                var piece = passing
                piece.allowed[term.domain] = failing
                pieces.append(piece)
            }
            let kept = current.intersection(term.allowed)
            if kept.isEmpty { break }
            passing.allowed[term.domain] = kept
        }
        return pieces
    }
}

/// One class of a partition: a box and the predicates that all its label maps satisfy.
struct LabelClass: Sendable {
    let box: LabelBox
    let satisfied: BitSet
}
