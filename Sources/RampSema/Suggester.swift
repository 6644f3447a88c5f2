import RampDiagnostics

/// Finds the "did you mean" suggestions of one compilation and bounds their
/// cost: each suggestion compares a name with every declared name, so ten
/// thousand typos against ten thousand services once took 40 seconds.
final class Suggester {
    /// The number of errors that get a suggestion; later errors are still
    /// reported, without one.
    static let hintLimit = 100

    private var remainingHints = hintLimit
    /// The declared namespace that each undeclared namespace name resembles,
    /// or nil, computed once per name.
    private var namespaceLookalikes: [String: String?] = [:]

    /// Returns true, counting one hint, while hints remain.
    func spendHint() -> Bool {
        guard remainingHints > 0 else { return false }
        remainingHints -= 1
        return true
    }

    /// Returns the closest candidate for an error about `name`, while hints remain.
    func hint(for name: String, in candidates: @autoclosure () -> [String]) -> String? {
        guard spendHint() else { return nil }
        return NameSuggestion.closest(to: name, in: candidates())
    }

    /// Returns the declared namespace that the undeclared `name` resembles.
    /// It is not limited like hints, because the warning it gives is the
    /// only sign of the typo, so each distinct name is computed once instead.
    func namespaceLookalike(for name: String, in declared: @autoclosure () -> [String]) -> String? {
        if let known = namespaceLookalikes[name] { return known }
        let found = NameSuggestion.closest(to: name, in: declared())
        namespaceLookalikes[name] = found
        return found
    }
}
