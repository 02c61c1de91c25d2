import Dispatch
import FacetPipeline
import TensorCore
import Foundation
import Synchronization

/// Ctrl-C handling: the first SIGINT asks running work to stop after the items in flight (every output is written
/// atomically, so nothing partial is left); a second one exits at once.
enum Interrupt {
    /// What the library's batches and studies check.
    static let stop = StopRequest()
    private static let source = Mutex<DispatchSourceSignal?>(nil)

    static var isRequested: Bool { stop.isRequested }

    /// Installs the handler (idempotent).
    static func install() {
        source.withLock { current in
            guard current == nil else { return }
            signal(SIGINT, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            s.setEventHandler {
                if stop.request() { exit(130) }
                Console.write("\nfacet: interrupted; finishing the items in progress (Ctrl-C again to quit now)\n")
            }
            s.resume()
            current = s
        }
    }
}
