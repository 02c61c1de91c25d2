import CLibFuzzer
import Foundation

/// SwiftPM links every executable with its own `main`, so rather than libFuzzer's `main` this one picks the
/// target reader (`FACET_FUZZ_TARGET`) and hands the command line to libFuzzer's driver.
@main
enum FuzzEntry {
    static func main() {
        _ = FuzzTarget.selected  // an unknown name fails before libFuzzer starts
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, size in
            FuzzTarget.selected.run(size == 0 ? Data() : Data(bytes: bytes!, count: size))
            return 0
        })
    }
}
