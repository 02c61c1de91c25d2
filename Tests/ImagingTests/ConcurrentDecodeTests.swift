import Dispatch
import Foundation
import Imaging
import Synchronization
import Testing
import TestSupport

/// Batch commands decode images on several threads at once. libpng keeps a pointer to the input between its
/// begin and finish calls; a decoder that let that buffer die early returned corrupt data in optimized builds
/// (found by `facet experiment`; this test fails on that decoder under `swift test -c release`, the project's test
/// command, and not in debug builds, where Swift keeps locals alive to the end of their scope).
@Suite struct ConcurrentDecodeTests {
    @Test func parallelDecodesEqualASerialDecode() throws {
        let path = Fixtures.path("inputs/labels512.png")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let serial = try ImageFile.decode(bytes, name: path)
        let mismatches = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            let decoded = try? ImageFile.decode(bytes, name: path)
            if decoded != serial { mismatches.add(1, ordering: .relaxed) }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
    }
}
