import Dispatch
import FacetPipeline
import TensorCore
import Foundation
import Synchronization

/// Signal handling: the first SIGINT (Ctrl-C), SIGTERM (`kill`, a batch scheduler's time limit) or SIGHUP (the
/// terminal went away) asks running work to stop after the items in flight; every output is written atomically
/// and unfinished temp files are removed, so nothing partial is left. The command then prints its summary and
/// exits 128 + the signal's number (130, 143, 129). A second signal exits at once.
enum Interrupt {
    /// What the library's batches and studies check.
    static let stop = StopRequest()
    private static let sources = Mutex<[DispatchSourceSignal]>([])
    private static let received = Atomic<Int32>(0)

    static let handled: [(signal: Int32, name: String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")]

    static var isRequested: Bool { stop.isRequested }

    /// 128 + the first signal received (130 for Ctrl-C, as shells report a process a signal ended).
    static var exitStatus: Int32 {
        let signal = received.load(ordering: .relaxed)
        return 128 + (signal == 0 ? SIGINT : signal)
    }

    /// What stopped the work, for summary lines: "interrupted" (Ctrl-C) or "terminated by SIGTERM".
    static var reason: String {
        let signal = received.load(ordering: .relaxed)
        guard signal != 0, signal != SIGINT else { return "interrupted" }
        return "terminated by \(handled.first { $0.signal == signal }?.name ?? "signal \(signal)")"
    }

    /// Installs the handlers (idempotent).
    static func install() {
        sources.withLock { current in
            guard current.isEmpty else { return }
            for (number, name) in handled {
                signal(number, SIG_IGN)
                let s = DispatchSource.makeSignalSource(signal: number, queue: .global())
                s.setEventHandler {
                    _ = received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                    if stop.request() { exit(128 + number) }
                    let again = number == SIGINT ? "Ctrl-C again" : "\(name) again"
                    Console.write("\nfacet: \(reason); finishing the items in progress (\(again) to quit now)\n")
                }
                s.resume()
                current.append(s)
            }
        }
    }
}
