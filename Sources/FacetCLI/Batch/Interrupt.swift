import Dispatch
import Foundation
import Synchronization

/// Ctrl-C handling for batch commands: the first SIGINT asks running batches to stop after the items in flight
/// (every output is written atomically, so nothing partial is left); a second one exits at once.
public enum Interrupt {
    private static let requested = Atomic<Bool>(false)
    private static let source = Mutex<DispatchSourceSignal?>(nil)

    public static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Installs the handler (idempotent).
    public static func install() {
        source.withLock { current in
            guard current == nil else { return }
            signal(SIGINT, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            s.setEventHandler {
                if requested.exchange(true, ordering: .relaxed) { exit(130) }
                Console.write("\nfacet: interrupted; finishing the items in progress (Ctrl-C again to quit now)\n")
            }
            s.resume()
            current = s
        }
    }
}
