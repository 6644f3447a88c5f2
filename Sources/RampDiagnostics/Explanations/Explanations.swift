/// Long explanations of diagnostic codes, in the manner of `rustc --explain`,
/// for the driver to print and for the help text of SARIF rules.
///
/// Each explanation is Markdown: a first paragraph that states the rule,
/// why it exists, an erroneous example and a corrected one in `ramp`, `yaml`
/// or `sh` code blocks. The texts live in one file per group of codes.
///
/// RampCompilerTests compiles every `ramp` example: the erroneous one must
/// produce its code and the corrected one must compile without errors. The
/// codes whose examples are command lines or files are listed there with
/// the reason.
public enum Explanations {
    /// Returns the explanation of a code such as `RAMP0201`, in any letter
    /// case, or nil for a code that has none.
    public static func text(for code: String) -> String? {
        guard let id = DiagnosticID.withCode(code) else { return nil }
        return byNumber[id.number]
    }

    /// Returns the first paragraph, which states the rule in a sentence or two.
    static func firstParagraph(of explanation: String) -> String {
        let paragraphs = explanation.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: true)
        let first = paragraphs.first.map(String.init) ?? explanation
        return first.split(separator: "\n").joined(separator: " ")
    }

    private static let byNumber: [Int: String] = {
        var all: [Int: String] = [:]
        for group in [inputOutput, syntax, names, ports, values, options, environments, manifests, warnings, assertions, adoption, drift, limits] {
            all.merge(group) { first, _ in first }
        }
        return all
    }()
}
