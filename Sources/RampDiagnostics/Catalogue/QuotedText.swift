/// Quotes user text for a message: a name, value, field or argument from a
/// contract, a manifest or the command line. Text longer than
/// `maximumCharacters` is cut to that many characters and followed by its
/// length, so that a name of megabytes does not become a message of megabytes.
/// Output such as YAML, imported contracts, source maps and the report of
/// `ramp diff --env` print names in full instead.
public enum QuotedText {
    /// The maximum length of text that a message quotes in full. The parser
    /// uses the same limit for the token it found.
    public static let maximumCharacters = 64

    /// Returns `'text'`, or `'first characters…' (N characters)` for long text.
    public static func quote(_ text: String) -> String {
        guard text.utf8.count > maximumCharacters, text.count > maximumCharacters else { return "'\(text)'" }
        return "'\(text.prefix(maximumCharacters))…' (\(text.count) characters)"
    }
}
