import Foundation

/// stderr output: messages, warnings and progress. stdout is reserved for data.
public enum Console {
    public static func error(_ message: String) { write("facet: error: \(message)\n") }
    public static func warning(_ message: String) { write("facet: warning: \(message)\n") }
    public static func info(_ message: String) { write(message + "\n") }

    public static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal (progress lines are drawn only then).
    public static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
