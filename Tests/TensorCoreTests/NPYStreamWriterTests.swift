import Foundation
import Testing
import TensorCore
import TestSupport

/// `NPYStreamWriter`: rows streamed to a `.npy` of unknown length end up as the file `np.save` would write.
@Suite struct NPYStreamWriterTests {
    @Test func streamWriterFixesTheHeader() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("x.npy")
        try AtomicFile.write(to: path) { handle in
            var writer = try NPYStreamWriter(handle: handle, dtype: .float64, columns: 3)
            // More rows than one 4 MB buffer holds, so flushes happen mid-stream.
            for r in 0..<200_000 { try writer.append(r, r + 1, Float(r) / 4) }
            try writer.finish()
        }
        let array = try NPY.read(path: path)
        #expect(array.shape == [200_000, 3])
        let values = try array.doubles()
        #expect(values[3 * 199_999 ..< 3 * 200_000] == [199_999, 200_000, 49_999.75])
        // Same header bytes as np.save would write for this shape.
        #expect(Data(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(128)) == NPY.header(dtype: .float64, shape: [200_000, 3]))
    }
}
