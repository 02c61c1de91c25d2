import Foundation
import TensorCore

/// Score files `facet metrics` and `facet plot` read: Facet's compact (K,) float32, the reference's (K, 3)
/// float64 rows [i, j, score] (score = column 2, as the reference plot script takes it), any 1-D float array, or
/// text with one score per line (the last whitespace-separated field of each non-blank line, as pyeer reads).
public enum ScoreFile {
    /// Scores in file order, NaNs removed and counted (a NaN is a comparison that did not complete).
    /// `isFloat32` says the file stored float32, which NumPy's histogram rule computes in.
    public static func read(_ path: String) throws -> (scores: [Double], nanCount: Int, isFloat32: Bool) {
        var isFloat32 = false
        let all: [Double]
        if path.hasSuffix(".npy") {
            let (values, float32) = try npyScores(path)
            all = values
            isFloat32 = float32
        } else {
            all = try textScores(path)
        }
        let scores = all.filter { !$0.isNaN }
        return (scores, all.count - scores.count, isFloat32)
    }

    /// A 2-D `.npy` as row-major values. Fortran-order files are accepted: the reference writes its (K, 3)
    /// arrays with `np.vstack(...).T`, which `np.save` stores column-major.
    public static func matrix(_ path: String) throws -> (shape: [Int], values: [Double]) {
        let (shape, values, _) = try matrixWithType(path)
        return (shape, values)
    }

    static func matrixWithType(_ path: String) throws -> (shape: [Int], values: [Double], isFloat32: Bool) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FacetError(.missingInput, "\(path): no such file")
        }
        var data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw FacetError(.missingInput, "\(path): cannot read (\(error.localizedDescription))")
        }
        // TensorCore's reader takes C order only. A Fortran (K, C) array is the C-order (C, K) array with the
        // same bytes, so flip the flag (same header length) and transpose here.
        let headerEnd = min(data.count, 4096)
        let header = String(decoding: data.prefix(headerEnd), as: UTF8.self)
        let fortran = header.contains("'fortran_order': True, ")
        if fortran, let r = data.prefix(headerEnd).range(of: Data("'fortran_order': True, ".utf8)) {
            // Rebuilt rather than replaced in place: mutating a memory-mapped Data crashes on Linux Foundation.
            var patched = Data(data[data.startIndex..<r.lowerBound])
            patched.append(Data("'fortran_order': False,".utf8))
            patched.append(data[r.upperBound...])
            data = patched
        }
        let array = try NPY.parse(data, name: path)
        var values = try array.doubles()
        let shape = array.shape
        if fortran && shape.count == 2 {
            let (k, c) = (shape[0], shape[1])
            var rowMajor = [Double](repeating: 0, count: values.count)
            for col in 0..<c { for row in 0..<k { rowMajor[row * c + col] = values[col * k + row] } }
            values = rowMajor
        }
        return (shape, values, array.dtype == .float32)
    }

    static func npyScores(_ path: String) throws -> (scores: [Double], isFloat32: Bool) {
        let (shape, values, isFloat32) = try matrixWithType(path)
        switch shape.count {
        case 1: return (values, isFloat32)
        case 2 where shape[1] >= 3:
            return (stride(from: 2, to: values.count, by: shape[1]).map { values[$0] }, isFloat32)
        default:
            throw FacetError(.badData, "\(path): score array shape \(shape), expected (K,) or (K, 3) [i, j, score]")
        }
    }

    static func textScores(_ path: String) throws -> [Double] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FacetError(.missingInput, "\(path): no such file")
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw FacetError(.badData, "\(path): cannot read as UTF-8 text")
        }
        var scores = [Double]()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let field = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" }).last
            else { continue }
            guard let v = Double(field) else {
                throw FacetError(.badData, "\(path):\(n + 1): '\(field)' is not a number")
            }
            scores.append(v)
        }
        return scores
    }
}
