import Foundation
import Testing
@testable import TensorCore

/// `parallelFor` runs every index once, whoever holds the shared pool; a pool of its own runs each share on its
/// own thread, wakes helpers that have gone to sleep, and turns a second caller away rather than mixing runs.
struct ParallelForTests {
    /// How often each index ran, and which thread ran it, through `run` (a pool, or `parallelFor`).
    private static func record(
        _ count: Int, _ run: (@Sendable (Int) -> Void) -> Void
    ) -> (runs: [Int], threads: [UInt]) {
        let runs = UnsafeMutablePointer<Int>.allocate(capacity: count)
        let threads = UnsafeMutablePointer<UInt>.allocate(capacity: count)
        defer { runs.deallocate(); threads.deallocate() }
        runs.initialize(repeating: 0, count: count)
        threads.initialize(repeating: 0, count: count)
        let (r, t) = (SendablePointer(runs), SendablePointer(threads))
        run { i in
            r.base[i] += 1
            t.base[i] = UInt(pthread_self())
        }
        return (Array(UnsafeBufferPointer(start: runs, count: count)), Array(UnsafeBufferPointer(start: threads, count: count)))
    }

    @Test(arguments: [(1, 2), (2, 2), (3, 2), (17, 2), (5, 5), (100, 7), (3, 8)])
    func parallelForRunsEveryIndexOnce(count: Int, workers: Int) {
        let (runs, _) = Self.record(count) { body in parallelFor(count, workers: workers, body) }
        #expect(runs == Array(repeating: 1, count: count))
    }

    @Test(arguments: [1, 2, 3, 8])
    func eachParticipantOnItsOwnThread(count: Int) {
        let pool = WorkerPool()
        var ran = false
        let (runs, threads) = Self.record(count) { body in ran = pool.run(count, body) }
        #expect(ran)
        #expect(runs == Array(repeating: 1, count: count))
        #expect(Set(threads).count == count)
        #expect(threads[0] == UInt(pthread_self()))
    }

    @Test func helpersThatHaveGoneToSleepAreWoken() {
        let pool = WorkerPool()
        for _ in 0..<3 {
            Thread.sleep(forTimeInterval: 0.05)  // far past the helpers' spinning
            var ran = false
            let (runs, threads) = Self.record(3) { body in ran = pool.run(3, body) }
            #expect(ran)
            #expect(runs == [1, 1, 1])
            #expect(Set(threads).count == 3)
        }
    }

    @Test func aSecondCallerIsTurnedAway() {
        let pool = WorkerPool()
        let innerRan = SendablePointer(UnsafeMutablePointer<Bool>.allocate(capacity: 1))
        defer { innerRan.base.deallocate() }
        innerRan.base.initialize(to: true)
        var ran = false
        let outer = Self.record(2) { body in
            ran = pool.run(2) { i in
                body(i)
                // The pool is mid-run: a nested (or concurrent) caller must not get in.
                if i == 0 { innerRan.base.pointee = pool.run(2) { _ in } }
            }
        }
        #expect(ran)
        #expect(outer.runs == [1, 1])
        #expect(innerRan.base.pointee == false)
    }

    @Test func manySmallRunsBackToBack() {
        let pool = WorkerPool()
        var wrong = 0
        for round in 0..<500 {
            let count = 1 + round % 4
            if Self.record(count, { body in _ = pool.run(count, body) }).runs != Array(repeating: 1, count: count) {
                wrong += 1
            }
        }
        #expect(wrong == 0)
    }
}
