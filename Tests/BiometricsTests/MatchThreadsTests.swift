import Foundation
import Testing
import TestSupport
import TensorCore
@testable import Biometrics

/// The matcher's GEMM split: any thread count writes the same score files, byte for byte.
@Suite struct MatchThreadsTests {
    let temporary: TemporaryFolder
    let folder: String

    init() throws {
        temporary = try TemporaryFolder()
        folder = temporary.path
    }

    /// Every output file of `job` run with each thread count, which must be identical to the 1-thread run's.
    func expectSameFiles(_ job: MatchJob, threads: [Int]) throws {
        var contents = [Int: [String: Data]]()
        for t in threads {
            var job = job
            job.threads = t
            job.outputFolder = "\(folder)/j\(t)"
            try job.run()
            let names = try FileManager.default.contentsOfDirectory(atPath: job.outputFolder)
            contents[t] = try Dictionary(uniqueKeysWithValues: names.map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: "\(job.outputFolder)/\($0)")))
            })
        }
        for t in threads.dropFirst() { #expect(contents[t] == contents[threads[0]], "\(t) threads") }
    }

    @Test func withinProbeScoresDoNotDependOnThreads() throws {
        let probe = try RandomFeatures.write("probe", in: folder, count: CosineMatcher.bandColumns + 300)
        var job = MatchJob(group: "G", probe: probe, gallery: nil, outputFolder: folder)
        job.format = .compact
        job.withPairs = true
        try expectSameFiles(job, threads: [1, 2, 3])
    }

    @Test func crossMatchScoresDoNotDependOnThreads() throws {
        let probe = try RandomFeatures.write("probe", in: folder, count: 60)
        let gallery = try RandomFeatures.write("gallery", in: folder, count: 3 * CosineMatcher.bandColumns + 50)
        let job = MatchJob(group: "G", probe: probe, gallery: gallery, outputFolder: folder)
        try expectSameFiles(job, threads: [1, 2, 3])
    }
}
