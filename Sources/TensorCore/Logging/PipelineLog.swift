/// Where the library's messages go. The command-line tool prints them on stderr (progress drawn only on a
/// terminal); a Swift program may collect them or pass `SilentLog()`.
///
/// Called from worker threads, so implementations must be thread-safe.
public protocol PipelineLog: Sendable {
    /// A status or summary line that a quiet log may drop.
    func info(_ text: String)
    /// A summary line that a quiet log still shows (it reports failures).
    func notice(_ text: String)
    /// Something the user should know that did not stop the work.
    func warning(_ text: String)
    /// One input or step that failed; the message names the file and the problem.
    func error(_ text: String)
    /// `finished` of `total` items of the batch `label` are done (called after every chunk; rate-limit drawing).
    func progress(_ label: String, finished: Int, total: Int)
    /// The batch in progress has ended or is about to print a message: clear any progress display.
    func endProgress()
}
