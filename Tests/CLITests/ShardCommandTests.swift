import ArgumentParser
@testable import FacetCLI
import Foundation
import TensorCore
import Testing
import TestSupport

/// `--shard k/n` on the batch commands and `facet match --block k/n` + `facet merge`: the n parts together write
/// exactly what one whole run writes.
@Suite(.serialized) struct ShardCommandTests {
    @Test func extractShardsTogetherWriteTheWholeRunsFiles() throws {
        let (folder, images, weights) = try BatchInvarianceCommandTests.imagesAndTinyIResNet(7)
        try BatchInvarianceCommandTests.run(["extract", "-s", images, "-d", folder.file("whole"), "--weights", weights, "-q"])
        for k in [3, 1, 2] {
            try BatchInvarianceCommandTests.run(
                ["extract", "-s", images, "-d", folder.file("sharded"), "--weights", weights, "--shard", "\(k)/3", "-q"])
        }
        let whole = try BatchInvarianceCommandTests.contents(folder.file("whole"))
        #expect(whole.count == 7)
        #expect(try BatchInvarianceCommandTests.contents(folder.file("sharded")) == whole)
    }

    @Test func oneShardTakesItsPartOfTheSortedInputs() throws {
        let (folder, images, weights) = try BatchInvarianceCommandTests.imagesAndTinyIResNet(7)
        try BatchInvarianceCommandTests.run(
            ["extract", "-s", images, "-d", folder.file("part"), "--weights", weights, "--shard", "2/3", "-q"])
        // Sorted names 0…6; part 2 of 3 is positions 2..<4.
        #expect(try BatchInvarianceCommandTests.contents(folder.file("part")).keys.sorted() == ["2.npy", "3.npy"])
    }

    @Test func badShardSpecsAndAMatrixOfOneShardAreRefused() throws {
        for spec in ["0/3", "4/3", "3", "a/b"] {
            #expect(throws: (any Error).self, "--shard \(spec)") {
                _ = try Facet.parseAsRoot(["extract", "-s", "x", "-d", "y", "--shard", spec])
            }
        }
        #expect(throws: (any Error).self) {
            _ = try Facet.parseAsRoot(["extract", "-s", "x", "-d", "y", "--shard", "1/2", "--matrix"])
        }
        #expect(throws: (any Error).self) { _ = try Facet.parseAsRoot(["match", "-p", "x", "-o", "y", "--block", "2/1"]) }
    }

    @Test func matchBlocksMergeIntoTheWholeMatch() throws {
        let folder = try TemporaryFolder()
        let features = folder.file("features")
        for k in 0..<600 {
            try NPY.write(floats: NamedRandom.uniform("shard-match-\(k)", count: 8), shape: [8], to: "\(features)/\(100_000 + k / 3)_0\(k % 3)M30.npy")
        }
        try BatchInvarianceCommandTests.run(["match", "-p", features, "-o", folder.file("whole"), "-gr", "CM", "-q"])
        for k in 1...3 {
            try BatchInvarianceCommandTests.run(
                ["match", "-p", features, "-o", folder.file("blocks"), "-gr", "CM", "--block", "\(k)/3", "-q"])
        }
        // A finished block is skipped on a rerun.
        try BatchInvarianceCommandTests.run(
            ["match", "-p", features, "-o", folder.file("blocks"), "-gr", "CM", "--block", "2/3", "-q"])
        try BatchInvarianceCommandTests.run(["merge", "-o", folder.file("blocks"), "-q"])
        let whole = try BatchInvarianceCommandTests.contents(folder.file("whole"))
        #expect(
            whole.keys.sorted() == [
                "CM_authentic.npy", "CM_bootstrap.npy", "CM_impostor.npy", "CM_labels.txt", "CM_summary.json",
            ])
        #expect(try BatchInvarianceCommandTests.contents(folder.file("blocks")) == whole)
    }
}
