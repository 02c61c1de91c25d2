import Foundation
import TensorCore

/// `--log-file FILE`, which every command takes: a copy of every stderr message appended to FILE, each line
/// stamped with the UTC time, for runs no one watches (a scheduler, nohup). A terminal's redrawn progress bar is
/// left out; the periodic progress lines written off a terminal go in.
final class LogFile: @unchecked Sendable {
    static let shared = LogFile()
    static let option = "--log-file"

    private let lock = NSLock()
    private var handle: FileHandle?
    private let formatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    /// The arguments without `--log-file FILE` (or `--log-file=FILE`), which may stand anywhere, and FILE. A word
    /// that is another option's value (after `--sbatch-arg`, which takes the next word whatever it is) is left.
    static func extract(from arguments: [String]) throws -> (arguments: [String], path: String?) {
        var kept = [String]()
        var path: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--sbatch-arg", index + 1 < arguments.count {
                kept += [word, arguments[index + 1]]
                index += 2
                continue
            }
            if word == option {
                guard index + 1 < arguments.count else { throw FacetError(.usage, "\(option): expected a file name") }
                path = arguments[index + 1]
                index += 2
                continue
            }
            if word.hasPrefix(option + "=") {
                path = String(word.dropFirst(option.count + 1))
            } else {
                kept.append(word)
            }
            index += 1
        }
        return (kept, path)
    }

    /// Opens `path` for appending (created if missing); only a regular file (or a new one) is accepted.
    func open(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            throw FacetError(.cannotCreate, "\(path): the log file exists and is not a regular file")
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw FacetError(.cannotCreate, "\(path): cannot create the log file")
            }
        }
        guard let opened = FileHandle(forWritingAtPath: path) else {
            throw FacetError(.cannotCreate, "\(path): cannot open the log file for writing")
        }
        opened.seekToEndOfFile()
        lock.withLock { handle = opened }
    }

    /// Appends `text` (whole lines) with each line stamped; a redrawn progress bar (holding `\r`) is skipped.
    func write(_ text: String) {
        guard !text.contains("\r") else { return }
        lock.withLock {
            guard let handle else { return }
            let stamp = formatter.string(from: Date())
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let stamped = lines.map { "\(stamp) \($0)\n" }.joined()
            try? handle.write(contentsOf: Data(stamped.utf8))
        }
    }
}
