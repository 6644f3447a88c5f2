/// ANSI SGR colours for terminal output, or plain text when colour is off.
struct TerminalStyle {
    let colored: Bool

    enum Color: String {
        case bold = "1"
        case red = "1;31"
        case green = "1;32"
        case magenta = "1;35"
        case blue = "1;34"
    }

    /// Wraps `text` in the colour's escape sequence and a reset. An empty
    /// text stays empty so that no stray escapes are printed.
    func paint(_ text: String, _ color: Color) -> String {
        guard colored, !text.isEmpty else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }

    static func color(of severity: Severity) -> Color {
        switch severity {
        case .error: return .red
        case .warning: return .magenta
        case .note: return .bold
        }
    }
}
