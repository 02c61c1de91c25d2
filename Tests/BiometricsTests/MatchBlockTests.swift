import Foundation
import Testing
import TestSupport
import TensorCore
@testable import Biometrics

/// `facet match --block k/n` then `facet merge`: exactly the files of one whole run, whatever the split.
@Suite struct MatchBlockTests {
    let temporary: TemporaryFolder
    let folder: String

    init() throws {
        temporary = try TemporaryFolder()
        folder = temporary.path
    }

    /// Every file under `root`, by relative path.
    func contents(_ root: String) throws -> [String: Data] {
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        var files = [String: Data]()
        for case let relative as String in walker {
            var isFolder: ObjCBool = false
            let path = "\(root)/\(relative)"
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// The whole run's folder, and the folder after computing every block of each split and merging.
    func expectMergeEqualsWholeRun(_ job: MatchJob, splits: [Int]) throws {
        var whole = job
        whole.outputFolder = "\(folder)/whole"
        try whole.run()
        let expected = try contents(whole.outputFolder)
        #expect(expected.keys.contains("G_summary.json"))
        for n in splits {
            var part = job
            part.outputFolder = "\(folder)/split\(n)"
            // Out of order, as cluster tasks finish.
            for k in (1...n).reversed() {
                part.block = try Shard(k, of: n)
                try part.runBlock()
            }
            try MatchMerge.merge(output: part.outputFolder, group: "G")
            let merged = try contents(part.outputFolder)
            #expect(merged.keys.sorted() == expected.keys.sorted(), "\(n) blocks")
            for (name, data) in expected { #expect(merged[name] == data, "\(name), \(n) blocks") }
        }
    }

    @Test(arguments: [ScoreFileFormat.reference, .compact, .none])
    func withinProbeBlocksMergeToTheWholeRun(format: ScoreFileFormat) throws {
        let probe = try RandomFeatures.write("probe", in: folder, count: 3 * CosineMatcher.blockRows + 77)
        var job = MatchJob(group: "G", probe: probe, gallery: nil, outputFolder: "")
        job.format = format
        job.withPairs = format == .compact
        job.thresholds = [0.1]
        // 4 row blocks: 6 and 9 parts leave some empty, in the middle and at the end.
        try expectMergeEqualsWholeRun(job, splits: [1, 2, 3, 6, 9])
    }

    /// The first-order bootstrap's per-subject histograms sum across blocks to the whole run's.
    @Test func firstOrderBootstrapBlocksMergeToTheWholeRun() throws {
        let probe = try RandomFeatures.write("probe", in: folder, count: 2 * CosineMatcher.blockRows + 33)
        var job = MatchJob(group: "G", probe: probe, gallery: nil, outputFolder: "")
        job.format = .none
        job.bootstrap.exactCellLimit = 0
        try expectMergeEqualsWholeRun(job, splits: [2, 3])
        #expect(try MatchJob.Summary.read("\(folder)/whole/G_summary.json").bootstrap?.method == .firstOrder)
    }

    @Test func crossMatchBlocksMergeToTheWholeRun() throws {
        let probe = try RandomFeatures.write("probe", in: folder, count: 2 * CosineMatcher.blockRows + 10)
        let gallery = try RandomFeatures.write("gallery", in: folder, count: 300)
        let job = MatchJob(group: "G", probe: probe, gallery: gallery, outputFolder: "")
        try expectMergeEqualsWholeRun(job, splits: [2, 3])
    }

    @Test func partsAreWholeRowBlocksWithAboutEqualCells() throws {
        for (n, m) in [(1000, nil), (5000, nil), (1000, 3000), (31_706, nil)] as [(Int, Int?)] {
            for count in [1, 2, 3, 7, 16, 200] {
                var next = 0
                let total = CosineMatcher.cells(before: n, probeCount: n, galleryCount: m)
                let widest = CosineMatcher.cells(before: CosineMatcher.blockRows, probeCount: n, galleryCount: m)
                for k in 1...count {
                    let rows = CosineMatcher.rows(of: try Shard(k, of: count), probeCount: n, galleryCount: m, blockRows: CosineMatcher.blockRows)
                    #expect(rows.lowerBound == next)
                    #expect(rows.lowerBound % CosineMatcher.blockRows == 0 || rows.isEmpty && rows.lowerBound == n)
                    let cells = CosineMatcher.cells(before: rows.upperBound, probeCount: n, galleryCount: m)
                        - CosineMatcher.cells(before: rows.lowerBound, probeCount: n, galleryCount: m)
                    #expect(cells <= total / count + widest, "n \(n), part \(k)/\(count)")
                    next = rows.upperBound
                }
                #expect(next == n)
            }
        }
    }

    @Test func mergeRefusesMissingAndForeignBlocks() throws {
        let probe = try RandomFeatures.write("probe", in: folder, count: 600)
        var job = MatchJob(group: "G", probe: probe, gallery: nil, outputFolder: "\(folder)/out")
        job.block = try Shard(1, of: 3)
        try job.runBlock()
        job.block = try Shard(3, of: 3)
        try job.runBlock()
        expectFailure(.missingInput, "block 2/3 not computed yet") { try MatchMerge.merge(output: job.outputFolder, group: "G") }
        var other = job
        other.probe = Array(job.probe.dropLast())
        other.block = try Shard(2, of: 3)
        try other.runBlock()
        expectFailure(.badData, "block 2/3 was computed with other features or settings") {
            try MatchMerge.merge(output: job.outputFolder, group: "G")
        }
    }
}
