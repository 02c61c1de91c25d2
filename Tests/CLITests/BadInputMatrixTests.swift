import Foundation
import Testing
import TensorCore
import TestSupport

/// Every command given bad inputs, through the real `facet`: each row exits with its documented status and prints
/// exactly one `facet: error:` line naming the file (rows of a batch with a failed input, exit 1, add the summary line
/// that -q keeps then).
/// `@` in a row stands for the row's own folder, in which the inputs it names are made (`BadInputFiles`).
@Suite struct BadInputMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let inputs: [String]
        let arguments: [String]
        let status: Int32
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }

        init(_ inputs: [String], _ arguments: [String], _ status: Int32, _ message: String) {
            (self.inputs, self.arguments, self.status, self.message) = (inputs, arguments, status, message)
        }
    }

    static func parse(_ source: String, weights: String = "@/bisenet.safetensors") -> [String] {
        ["parse", "-s", source, "-d", "@/out", "--weights", weights, "-q"]
    }
    static func blur(_ source: String) -> [String] { ["blur", "-s", source, "-d", "@/out", "--labels", "@/labels", "-q"] }
    static func extract(_ source: String, weights: String = "@/iresnet.safetensors") -> [String] {
        ["extract", "-s", source, "-d", "@/out", "--weights", weights, "-q"]
    }
    static func metrics(_ authentic: String) -> [String] { ["metrics", "-a1", authentic, "-i1", "@/i.npy", "-o", "@/m.json"] }
    static func experiment(_ extra: [String]) -> [String] {
        ["experiment", "--labels-dir", "@/labels", "--arcface-weights", "@/iresnet.safetensors", "-o", "@/out", "-q"] + extra
    }

    static let cases: [Case] = [
        Case(["bisenet.safetensors"], parse("@/nope"), 66, "@/nope: no such file or folder"),
        Case(["bisenet.safetensors", "empty"], parse("@/empty"), 66, "@/empty: no images to process"),
        Case(["imgs", "iresnet.safetensors"], parse("@/imgs", weights: "@/iresnet.safetensors"), 65, "@/iresnet.safetensors"),
        Case(["imgs", "weights.safetensors"], parse("@/imgs", weights: "@/weights.safetensors"), 66, "@/weights.safetensors: is a folder"),
        Case(["bisenet.safetensors", "newline"], parse("@/newline"), 1, "@/newline/x\\ny.png: not a PNG or JPEG file"),
        Case(["labels"], blur("@/nope"), 66, "@/nope: no such file or folder"),
        Case(["labels", "empty"], blur("@/empty"), 66, "@/empty: no images to process"),
        Case(["iresnet.safetensors"], extract("@/nope"), 66, "@/nope: no such file or folder"),
        Case(["iresnet.safetensors", "empty"], extract("@/empty"), 66, "@/empty: no images to process"),
        Case(["imgs", "bisenet.safetensors"], extract("@/imgs", weights: "@/bisenet.safetensors"), 65, "@/bisenet.safetensors"),
        Case(["imgs"], extract("@/imgs", weights: "@/nope.safetensors"), 66, "@/nope.safetensors"),
        Case(["imgs", "weights.safetensors"], extract("@/imgs", weights: "@/weights.safetensors"), 66, "@/weights.safetensors: is a folder"),
        Case(["imgs", "garbage.safetensors"], extract("@/imgs", weights: "@/garbage.safetensors"), 65, "@/garbage.safetensors"),
        Case(["imgs", "iresnet.safetensors", "missing.txt"], extract("@/missing.txt"), 1, "@/imgs/gone.png: no such file"),
        Case(["imgs", "iresnet.safetensors", "folder.txt"], extract("@/folder.txt"), 1, "@/imgs: is a folder, not an image"),
        Case([], ["match", "-p", "@/nope", "-o", "@/out"], 66, "@/nope: no such file or folder"),
        Case(["empty"], ["match", "-p", "@/empty", "-o", "@/out"], 65, "@/empty: no feature files listed"),
        Case(["dims"], ["match", "-p", "@/dims", "-o", "@/out"], 65, "@/dims/100001_0M30.npy: feature size 256 differs from 512"),
        Case(["nan-features"], ["match", "-p", "@/nan-features", "-o", "@/out"], 65, "100000_1M30.npy: feature contains NaN or infinity"),
        Case(["inf-features"], ["match", "-p", "@/inf-features", "-o", "@/out"], 65, "100000_1M30.npy: feature contains NaN or infinity"),
        Case(["i.npy"], metrics("@/nope.npy"), 66, "@/nope.npy"),
        Case(["i.npy", "empty"], ["metrics", "-a1", "@/i.npy", "-i1", "@/empty"], 66, "@/empty: is a folder, not a file"),
        Case(["i.npy", "inf.npy"], metrics("@/inf.npy"), 65, "@/inf.npy: contains infinite scores"),
        Case(["i.npy", "empty.npy"], metrics("@/empty.npy"), 65, "@/empty.npy: no scores"),
        Case(["i.npy", "k2.npy"], metrics("@/k2.npy"), 65, "@/k2.npy: score array shape [2, 2], expected (K,) or (K, 3)"),
        Case(["i.npy", "object.npy"], metrics("@/object.npy"), 65, "@/object.npy: object arrays are not supported"),
        Case(["i.npy", "big-endian.npy"], metrics("@/big-endian.npy"), 65, "@/big-endian.npy: big-endian dtype '>f4' is not supported"),
        Case(["i.npy", "zero.npy"], metrics("@/zero.npy"), 65, "@/zero.npy: not a .npy file"),
        Case(["i.npy"], ["plot", "-a1", "@/nope.npy", "-i1", "@/i.npy", "-d", "@/plots", "-n", "p"], 66, "@/nope.npy"),
        Case(["i.npy", "inf.npy"], ["plot", "-a1", "@/inf.npy", "-i1", "@/i.npy", "-d", "@/plots", "-n", "p"], 65,
             "@/inf.npy: contains infinite scores"),
        Case(["i.npy", "k2.npy"], ["plot", "-a1", "@/k2.npy", "-i1", "@/i.npy", "-d", "@/plots", "-n", "p"], 65, "@/k2.npy: score array shape"),
        Case([], ["convert", "@/nope.pth", "-o", "@/w.safetensors"], 66, "@/nope.pth"),
        Case(["zero.pth"], ["convert", "@/zero.pth", "-o", "@/w.safetensors"], 65, "@/zero.pth"),
        Case(["garbage.safetensors"], ["convert", "@/garbage.safetensors", "-o", "@/w.safetensors"], 65, "@/garbage.safetensors"),
        Case(["labels", "iresnet.safetensors"], experiment(["--images", "@/nope"]), 66, "@/nope"),
        Case(["labels", "iresnet.safetensors", "empty"], experiment(["--images", "@/empty"]), 66, "@/empty: no group folders with images"),
        Case([], ["experiment", "--config", "@/nope.json"], 66, "@/nope.json: no such config file"),
        Case(["bad.json"], ["experiment", "--config", "@/bad.json"], 65, "@/bad.json: not valid JSON"),
        Case(["duplicate.json"], ["experiment", "--config", "@/duplicate.json"], 65, "@/duplicate.json: key 'images' is set twice"),
        Case(["unknown.json"], ["experiment", "--config", "@/unknown.json"], 65, "@/unknown.json: unknown key 'colour'"),
    ]

    @Test(arguments: cases)
    func badInputIsOneErrorLineAndItsStatus(_ c: Case) throws {
        let folder = try TemporaryFolder()
        for input in c.inputs { try BadInputFiles.make(input, in: folder.path) }
        let here = { (text: String) in text.replacingOccurrences(of: "@/", with: folder.path + "/") }
        guard c.status == 1 else { return try FacetProcess.expectError(c.status, c.arguments.map(here), here(c.message)) }
        // Some inputs of a batch failed: the one error, then the summary line, which -q keeps when a file failed.
        let result = try FacetProcess.run(c.arguments.map(here))
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasPrefix("facet: error: \(here(c.message))"), "\(result.stderr)")
        #expect(lines.last?.hasPrefix("\(c.arguments[0]): ") == true && lines.last?.contains(", 1 failed in ") == true, "\(result.stderr)")
    }

    /// What a list file may hold besides paths: CRLF line ends, blank or blank-looking lines and a path twice are
    /// read as the two images they name, each done once.
    @Test func aListWithCRLFBlankLinesAndRepeatsIsItsDistinctPaths() throws {
        let folder = try TemporaryFolder()
        for input in ["imgs", "iresnet.safetensors"] { try BadInputFiles.make(input, in: folder.path) }
        let list = folder.file("list.txt")
        let (first, second) = (folder.file("imgs/0.png"), folder.file("imgs/1.png"))
        try Data("\(second)\r\n\r\n  \n\(first)\r\n\(second)\n".utf8).write(to: URL(fileURLWithPath: list))
        let result = try FacetProcess.run(["extract", "-s", list, "-d", folder.file("out"), "--weights", folder.file("iresnet.safetensors")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("extract: 2 done, 0 skipped"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out/imgs")).sorted() == ["0.npy", "1.npy"])
    }

    /// NaN scores are comparisons that did not complete: a documented warning, and the rest is measured.
    @Test func nanScoresAreAWarningNotAnError() throws {
        let folder = try TemporaryFolder()
        try BadInputFiles.make("i.npy", in: folder.path)
        try NPY.write(floats: [0.9, .nan, 0.7], shape: [3], to: folder.file("nan.npy"))
        let result = try FacetProcess.run(["metrics", "-a1", folder.file("nan.npy"), "-i1", folder.file("i.npy"), "-o", "-"])
        #expect(result.status == 0)
        #expect(result.stderr == "facet: warning: \(folder.file("nan.npy")): 1 NaN score(s) skipped (incomplete comparisons)\n")
    }

    /// A Fortran-order (K, 3) score file (what the reference's `np.vstack(...).T` saves) reads as its C-order twin.
    @Test func fortranOrderScoresReadAsCOrder() throws {
        let folder = try TemporaryFolder()
        try BadInputFiles.make("i.npy", in: folder.path)
        // One file name, written each way in turn, as the report names its inputs.
        let reports = try ["rows", "np.asfortranarray(rows)"].map { array in
            _ = try Python.run(
                "import numpy as np, sys; rows = np.array([[0, 1, 0.9], [0, 2, 0.8], [1, 2, 0.4]]); np.save(sys.argv[1], \(array))",
                [folder.file("s.npy")])
            return try FacetProcess.run(["metrics", "-a1", folder.file("s.npy"), "-i1", folder.file("i.npy"), "-o", "-"]).stdout
        }
        #expect(reports[0].contains("\"series\"") && reports[0] == reports[1])
    }
}
