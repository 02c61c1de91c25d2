import Foundation
import Testing
import TensorCore
import TestSupport

/// A batch sweeps the temp files a killed run left in its output folder, but not ones another run may be writing.
@Suite struct OutputFolderTests {
    @Test func staleTemporaryFilesAreRemovedAndFreshOnesKept() throws {
        let folder = try TemporaryFolder()
        let names = [".facet-tmp-1-A-x.npy", ".facet-tmp-2-B-y.npy", "z.npy", ".facet-tmp-3-C-dir"]
        for name in names.dropLast() { try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file(name))) }
        try FileManager.default.createDirectory(atPath: folder.file(names[3]), withIntermediateDirectories: false)
        let old = Date().addingTimeInterval(-OutputFolder.staleTemporaryAge - 1)
        for name in [names[0], names[2], names[3]] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.file(name))
        }
        #expect(OutputFolder.removeStaleTemporaryFiles(in: folder.path) == 1)
        // The old temp file goes; the fresh one, the ordinary file and the folder stay.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == Array(names.dropFirst()).sorted())
    }
}
