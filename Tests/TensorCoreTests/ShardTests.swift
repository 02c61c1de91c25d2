import Testing
import TestSupport
import TensorCore

/// `--shard k/n`: the n parts of any list are contiguous, in order, and cover every item exactly once.
@Suite struct ShardTests {
    @Test func partsCoverEveryItemOnceInOrder() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let total = Int(generator.next() % 2000)
            let count = 1 + Int(generator.next() % 40)
            let items = Array(0..<total)
            var covered = [Int]()
            for k in 1...count {
                let part = try Shard(k, of: count).select(items)
                // Sizes differ by at most one.
                #expect(part.count == total / count || part.count == total / count + 1)
                covered += part
            }
            #expect(covered == items, "\(total) items in \(count) parts")
        }
    }

    @Test func parsesAndRefusesSpecs() throws {
        #expect(try Shard(parsing: "3/8") == Shard(3, of: 8))
        #expect(try Shard(parsing: "1/1").isWhole)
        for bad in ["3", "3/", "/8", "0/8", "9/8", "-1/8", "3/0", "a/b", "3/8/2", "1/100001"] {
            expectFailure(.usage, "shard") { _ = try Shard(parsing: bad) }
        }
    }

    @Test func largeListsDoNotOverflow() throws {
        let shard = try Shard(Shard.maximumCount, of: Shard.maximumCount)
        #expect(shard.range(of: Int.max / 2).upperBound == Int.max / 2)
    }
}
