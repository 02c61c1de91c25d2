import Foundation

/// stderr output: messages, warnings and progress. stdout is reserved for data.
public enum Console {
    public static func error(_ message: String) { write("facet: error: \(oneLine(message))\n") }
    public static func warning(_ message: String) { write("facet: warning: \(oneLine(message))\n") }

    public static func info(_ message: String) { write(message + "\n") }

    /// A message is one line even when it names a file whose name holds a line break (shown as `\n`), so scripts
    /// reading stderr line by line see one error per line.
    static func oneLine(_ message: String) -> String {
        message.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    public static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
        LogFile.shared.write(text)
    }

    /// Whether stderr is a terminal (progress lines are drawn only then).
    public static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
