import Foundation
import Testing
import TestSupport

/// Every numeric option of every command is checked before any work: out of range or not finite, the real
/// `facet` exits 64 with one line naming the flag, the value and the accepted range. The sources do not exist,
/// so a check that did not run would show as exit 66 instead (not as a 25-minute blur or a trap).
@Suite struct OptionLimitTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let blur = ["blur", "-s", "/nonexistent/images", "-d", "/nonexistent/out", "--labels", "/nonexistent/labels"]
    static let parse = ["parse", "-s", "/nonexistent/images", "-d", "/nonexistent/out"]
    static let extract = ["extract", "-s", "/nonexistent/images", "-d", "/nonexistent/out"]
    static let match = ["match", "-p", "/nonexistent/features", "-o", "/nonexistent/out"]
    static let metrics = ["metrics", "-a1", "/nonexistent/a.npy", "-i1", "/nonexistent/i.npy"]
    static let experiment = ["experiment", "--images", "/nonexistent/images", "-o", "/nonexistent/out"]

    static let cases: [Case] = [
        Case(arguments: blur + ["--occlusion", "gaussian", "--occlusion-sigma", "1e6"],
             message: "--occlusion-sigma 1000000: must be a finite number greater than 0 and at most 1000 pixels"),
        Case(arguments: blur + ["--occlusion", "gaussian", "--occlusion-sigma", "inf"], message: "--occlusion-sigma inf: must be"),
        Case(arguments: blur + ["--occlusion", "gaussian", "--occlusion-sigma", "nan"], message: "--occlusion-sigma nan: must be"),
        Case(arguments: blur + ["--occlusion", "gaussian", "--occlusion-sigma", "0"], message: "--occlusion-sigma 0: must be"),
        Case(arguments: blur + ["--feather-sigma", "1e9"],
             message: "--feather-sigma 1000000000: must be a finite number from 0 to 1000 pixels"),
        Case(arguments: blur + ["--feather-sigma", "inf"], message: "--feather-sigma inf: must be"),
        Case(arguments: blur + ["--feather-sigma=-1"], message: "--feather-sigma -1: must be"),
        Case(arguments: blur + ["--occlusion-size", "3001"], message: "--occlusion-size 3001: must be from 1 to 1001 pixels"),
        Case(arguments: blur + ["--occlusion-size", "4"], message: "--occlusion-size 4: must be odd for box blur"),
        Case(arguments: blur + ["--occlusion", "pixelate", "--occlusion-size", "9223372036854775807"],
             message: "--occlusion-size 9223372036854775807: must be from 1 to 1001 pixels"),
        Case(arguments: blur + ["--dilation", "5,1000"], message: "--dilation iterations 1000: must be from 0 to 100"),
        Case(arguments: blur + ["--dilation=-1,4"], message: "--dilation kernel -1: must be from 0 to 101 pixels"),
        Case(arguments: blur + ["--dilation", "5,x"], message: "--dilation 5,x: must be KERNEL,ITERATIONS"),
        Case(arguments: blur + ["--occlusion", "fill", "--fill-color", "0,300,0,0"], message: "--fill-color 0,300,0,0: must be R,G,B"),
        Case(arguments: blur + ["--quality", "101"], message: "--quality 101: must be from 1 to 100"),
        Case(arguments: blur + ["-j", "100000"], message: "--threads 100000: must be from 1 to"),
        Case(arguments: blur + ["-j", "0"], message: "--threads 0: must be from 1 to"),
        Case(arguments: parse + ["--batch", "9223372036854775807"],
             message: "--batch 9223372036854775807: must be from 1 to 4096 images"),
        Case(arguments: blur + ["--parts", "nose,eyes,nose"], message: "part 'nose' is listed twice"),
        Case(arguments: blur + ["--parts", "ears=7,19"], message: "part 'ears=7,19': '19' is not a label 0...18"),
        Case(arguments: parse + ["--part-masks", "tail"], message: "unknown part 'tail'"),
        Case(arguments: parse + ["--batch", "0"], message: "--batch 0: must be from 1 to 4096"),
        Case(arguments: parse + ["--max-megapixels", "0"],
             message: "--max-megapixels 0: must be a finite number greater than 0 and at most 1000 megapixels"),
        Case(arguments: blur + ["--max-megapixels", "1e4"], message: "--max-megapixels 10000: must be"),
        Case(arguments: extract + ["--max-megapixels", "nan"], message: "--max-megapixels nan: must be"),
        Case(arguments: parse + ["--threads", "100000"], message: "--threads 100000: must be from 1 to"),
        Case(arguments: extract + ["--batch", "9223372036854775807"], message: "--batch 9223372036854775807: must be from 1 to 4096"),
        Case(arguments: extract + ["-j", "100000"], message: "--threads 100000: must be from 1 to"),
        Case(arguments: match + ["-j", "100000"], message: "--threads 100000: must be from 1 to"),
        Case(arguments: match + ["--fmr-targets", "1e-3,0"], message: "--fmr-targets 0: must be a finite number greater than 0 and at most 1"),
        Case(arguments: match + ["--fmr-targets", "2"], message: "--fmr-targets 2: must be"),
        Case(arguments: match + ["--fmr-targets", "nan"], message: "--fmr-targets nan: must be"),
        Case(arguments: match + ["--thresholds", "0.5,inf"], message: "--thresholds inf: must be a finite number"),
        Case(arguments: metrics + ["--fmr-targets", "1e-3,x"], message: "--fmr-targets 'x': not a number"),
        Case(arguments: metrics + ["--thresholds", "nan"], message: "--thresholds nan: must be a finite number"),
        Case(arguments: ["plot", "-a1", "/nonexistent/a.npy", "-n", "x", "--width", "50"], message: "--width 50: must be from 100 to 10000 pixels"),
        Case(arguments: ["plot", "-a1", "/nonexistent/a.npy", "-n", "x", "--xlim", "1:0"], message: "--xlim 1:0: expected LOW:HIGH"),
        Case(arguments: ["plot", "-a1", "/nonexistent/a.npy", "-n", "x", "--fmr-range", "0:2"], message: "--fmr-range 0:2: both ends must lie in"),
        Case(arguments: experiment + ["-j", "100000"], message: "--threads 100000: must be from 1 to"),
        Case(arguments: experiment + ["--batch", "5000"], message: "--batch 5000: must be from 1 to 4096"),
        Case(arguments: experiment + ["--fmr-targets", "1e-3,1.5"], message: "--fmr-targets 1.5: must be"),
        Case(arguments: ["bench", "iresnet", "--threads", "100000"], message: "--threads 100000: must be from 1 to"),
        Case(arguments: ["bench", "bisenet", "--iterations", "0"], message: "--iterations 0: must be from 1 to 10000 runs"),
        Case(arguments: ["bench", "kernels", "--repeat", "1000000"], message: "--repeat 1000000: must be from 1 to 10000 runs"),
    ]

    @Test(arguments: cases)
    func outOfRangeOptionsAreUsageErrors(_ c: Case) throws {
        try FacetProcess.expectError(64, c.arguments, c.message)
    }

    /// `--max-megapixels` lowers (or raises) the image cap: a 0.01-megapixel cap refuses the 224 × 224 face from
    /// its header, named, and the batch exits 1 at the end.
    @Test func maxMegapixelsCapsTheImages() throws {
        let folder = try TemporaryFolder()
        let fixtures = Fixtures.path("blur")
        let blur = ["blur", "-s", fixtures + "/images", "--labels", fixtures + "/labels", "--parts", "nose"]
        let capped = try FacetProcess.run(blur + ["-d", folder.file("capped"), "--max-megapixels", "0.01"])
        #expect(capped.status == 1, "stderr: \(capped.stderr)")
        #expect(capped.stderr.contains("image is 224x224 pixels, above the limit of 10000 pixels"), "stderr: \(capped.stderr)")
        let run = try FacetProcess.run(blur + ["-d", folder.file("raised"), "--max-megapixels", "1000"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
    }

    /// The thread cap is 16 per core, so the message names this machine's maximum.
    @Test func threadCapIsSixteenPerCore() throws {
        let cap = 16 * ProcessInfo.processInfo.activeProcessorCount
        try FacetProcess.expectError(64, Self.match + ["-j", "\(cap + 1)"], "--threads \(cap + 1): must be from 1 to \(cap)")
    }
}
