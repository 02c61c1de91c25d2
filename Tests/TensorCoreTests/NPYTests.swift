import Foundation
import Testing
import TensorCore
import TestSupport

/// `.npy` reading of files written by NumPy (Tools/make_format_fixtures.py), and NumPy reading ours.
@Suite struct NPYTests {
    /// Element i of the float fixtures is (i − 2) × 0.25.
    static let ramp6: [Float] = [-0.5, -0.25, 0, 0.25, 0.5, 0.75]

    @Test(arguments: ["f4.npy", "f4_v2.npy", "f4_v3.npy", "f4_align16.npy"])
    func readsFloat32InEveryHeaderVersionAndAlignment(file: String) throws {
        let a = try NPY.read(path: Fixtures.path("npy/\(file)"))
        #expect(a.dtype == .float32)
        #expect(a.shape == [2, 3])
        #expect(try a.floats() == Self.ramp6)
    }

    @Test func headerVersionsAreTheOnesUnderTest() throws {
        // Guards the fixtures themselves: major version byte and data offset (64- vs 16-byte alignment).
        for (file, major, dataStart) in [("f4.npy", 1, 128), ("f4_v2.npy", 2, 128), ("f4_v3.npy", 3, 128), ("f4_align16.npy", 1, 80)] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("npy/\(file)")))
            #expect(bytes[6] == UInt8(major), "\(file)")
            #expect(bytes.count - 24 == dataStart, "\(file)")
        }
    }

    @Test func readsEveryDType() throws {
        let f8 = try NPY.read(path: Fixtures.path("npy/f8.npy"))
        #expect(f8.dtype == .float64 && f8.shape == [2, 3])
        #expect(try f8.doubles() == Self.ramp6.map(Double.init))
        #expect(try f8.floats() == Self.ramp6)
        for file in ["i4.npy", "i8.npy"] {
            let a = try NPY.read(path: Fixtures.path("npy/\(file)"))
            #expect(a.dtype == (file == "i4.npy" ? .int32 : .int64) && a.shape == [2, 3])
            #expect(try a.floats() == [-3, -2, -1, 0, 1, 2], "\(file)")
            #expect(try a.doubles() == [-3, -2, -1, 0, 1, 2], "\(file)")
        }
        let u1 = try NPY.read(path: Fixtures.path("npy/u1.npy"))
        #expect(u1.dtype == .uint8 && u1.shape == [2, 3])
        #expect(try u1.bytes() == [0, 50, 100, 150, 200, 250])
        expectFailure(.badData, "expected uint8") { _ = try f8.bytes() }
    }

    @Test func readsScalarVectorAndEmpty() throws {
        let scalar = try NPY.read(path: Fixtures.path("npy/scalar.npy"))
        #expect(scalar.shape == [] && scalar.count == 1)
        #expect(try scalar.floats() == [1.5])
        let vector = try NPY.read(path: Fixtures.path("npy/vector.npy"))
        #expect(vector.shape == [5])
        #expect(try vector.floats() == [-0.5, -0.25, 0, 0.25, 0.5])
        let empty = try NPY.read(path: Fixtures.path("npy/empty.npy"))
        #expect(empty.shape == [0, 4] && empty.count == 0)
        #expect(try empty.floats() == [])
    }

    @Test(arguments: [
        ("big_endian.npy", "big-endian dtype '>f4'"),
        ("object.npy", "object arrays are not supported"),
        ("fortran.npy", "Fortran-order arrays are not supported"),
    ])
    func rejectsWhatFacetDoesNotRead(file: String, message: String) {
        let path = Fixtures.path("npy/\(file)")
        expectFailure(.unsupported, path, message) { _ = try NPY.read(path: path) }
    }

    static let valid = NPY.encode([Float](Self.ramp6), dtype: .float32, shape: [2, 3])

    static let malformed: [(Data, FailureKind, String)] = [
        (Data("NUMPY\u{1}\u{0}xxxx".utf8), .badData, "bad magic"),
        (Data([0x93, 0x4E, 0x55]), .badData, "bad magic"),
        (valid.prefix(9), .badData, "truncated .npy header"),
        (valid.prefix(60), .badData, "truncated .npy header"),
        (valid.prefix(valid.count - 1), .badData, "data is shorter than shape [2, 3]"),
        (valid + Data([0]), .badData, "1 bytes of trailing data"),
        (replacing(valid, at: 6, with: [4]), .unsupported, "format version 4.0"),
        (replacing(valid, at: 6, with: [2, 0, 0xFF, 0xFF, 0xFF, 0x7F]), .badData, "header length 2147483647 exceeds the 1048576-byte limit"),
        (replacing(valid, at: 8, with: [0xFF, 0xFF]), .badData, "truncated .npy header"),
        (header("{'descr': '<f4', 'fortran_order': False, }"), .badData, "no 'shape'"),
        (header("{'descr': '<f4', 'fortran_order': False, 'shape': [2], }"), .badData, "shape is not a tuple"),
        (header("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"), .badData, "shape entry '-2'"),
        (header("{'descr': '<f4', 'fortran_order': maybe, 'shape': (), }"), .badData, "fortran_order"),
        (header("{'descr': '<c8', 'fortran_order': False, 'shape': (), }"), .unsupported, "dtype '<c8' is not supported"),
        (header("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (), }"), .unsupported, "structured or object dtype"),
        (header("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"), .badData, "is too large"),
    ]

    @Test(arguments: malformed.indices)
    func malformedFilesAreRejected(index: Int) {
        let (data, kind, message) = Self.malformed[index]
        expectFailure(kind, "mem.npy: ", message) { _ = try NPY.parse(data, name: "mem.npy") }
    }

    /// Files we write load in NumPy with the right dtype, shape and values, and equal `np.save`'s bytes.
    @Test func filesWeWriteLoadInNumPy() throws {
        let dir = try TemporaryFolder()
        try NPY.write(floats: [0.5, -1.25, 3, 1e-8, .greatestFiniteMagnitude, -0.0], shape: [2, 3], to: dir.file("f4.npy"))
        try NPY.write(doubles: [0.1, -2], shape: [2], to: dir.file("f8.npy"))
        try NPY.write(bytes: [0, 7, 255], shape: [3, 1], to: dir.file("u1.npy"))
        try NPY.write(int32s: [-5], shape: [], to: dir.file("i4.npy"))
        try NPY.write(floats: [], shape: [0, 512], to: dir.file("empty.npy"))
        let report = try Python.run("""
            import io, json, sys
            import numpy as np
            out = {}
            for path in sys.argv[1:]:
                a = np.load(path)
                buf = io.BytesIO()
                np.save(buf, a)
                out[path.rsplit("/", 1)[1]] = [a.dtype.str, list(a.shape), a.ravel().tolist(), buf.getvalue() == open(path, "rb").read()]
            print(json.dumps(out))
            """, ["f4.npy", "f8.npy", "u1.npy", "i4.npy", "empty.npy"].map(dir.file))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: [Any]])
        func check(_ file: String, _ dtype: String, _ shape: [Int], _ values: [Double]) {
            let a = json[file]
            #expect(a?[0] as? String == dtype, "\(file)")
            #expect(a?[1] as? [Int] == shape, "\(file)")
            #expect((a?[2] as? [NSNumber])?.map { Float($0.doubleValue) } == values.map(Float.init), "\(file)")  // exact bits: the byte check below
            #expect(a?[3] as? Bool == true, "\(file): bytes differ from np.save")
        }
        check("f4.npy", "<f4", [2, 3], [0.5, -1.25, 3, Double(Float(1e-8)), Double(Float.greatestFiniteMagnitude), -0.0])
        check("f8.npy", "<f8", [2], [0.1, -2])
        check("u1.npy", "|u1", [3, 1], [0, 7, 255])
        check("i4.npy", "<i4", [], [-5])
        check("empty.npy", "<f4", [0, 512], [])
    }

    // MARK: - Helpers

    static func replacing(_ data: Data, at offset: Int, with bytes: [UInt8]) -> Data {
        var d = data
        d.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        return d
    }

    /// A version 1.0 file with `dict` as its header text and no data.
    static func header(_ dict: String) -> Data {
        let text = dict + "\n"
        return Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(text.utf8.count), 0]) + Data(text.utf8)
    }
}
