import Foundation
import Testing
import TensorCore

/// Headers our writer produces equal NumPy 2.4's `np.save` output byte for byte (strings captured from
/// `np.save(io.BytesIO(), np.zeros(shape, np.float32))`), so files round-trip with any NumPy reader.
@Suite struct NPYByteIdentityTests {
    @Test(arguments: [
        ([2, 512], "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }"),
        ([512], "{'descr': '<f4', 'fortran_order': False, 'shape': (512,), }"),
        ([], "{'descr': '<f4', 'fortran_order': False, 'shape': (), }"),
        ([3, 4, 5], "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4, 5), }"),
    ])
    func headerMatchesNumPy(shape: [Int], dict: String) throws {
        let h = NPY.header(dtype: .float32, shape: shape)
        #expect(h.count == 128)
        #expect(Array(h.prefix(10)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 118, 0])
        let text = String(decoding: h.dropFirst(10), as: UTF8.self)
        #expect(text.hasPrefix(dict))
        #expect(text.hasSuffix("\n"))
        #expect(text.dropFirst(dict.count).dropLast().allSatisfy { $0 == " " })
    }

    @Test func roundTripsThroughParse() throws {
        let values: [Float] = [1, -2.5, 3e-7, .infinity]
        let parsed = try NPY.parse(NPY.encode(values, dtype: .float32, shape: [2, 2]), name: "mem")
        #expect(parsed.shape == [2, 2])
        #expect(try parsed.floats() == values)
    }
}
