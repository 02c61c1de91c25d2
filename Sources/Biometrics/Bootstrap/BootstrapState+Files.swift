import Foundation
import TensorCore

extension BootstrapState {
    /// A block's state beside its tallies: `bootstrap_genuine.npy` (G, 2) and `bootstrap_impostor.npy` (P, 3) or
    /// (S, binCount), int32, laid out as the arrays are.
    static let genuineName = "bootstrap_genuine.npy"
    static let impostorName = "bootstrap_impostor.npy"

    func write(into folder: String) throws {
        let folder = folder as NSString
        try NPY.write(int32s: genuine, shape: [genuine.count / 2, 2], to: folder.appendingPathComponent(Self.genuineName))
        try NPY.write(
            int32s: impostor, shape: [impostor.count / impostorColumns, impostorColumns],
            to: folder.appendingPathComponent(Self.impostorName))
    }

    /// Reads what `write(into:)` wrote for a state of `design`.
    init(folder: String, design: BootstrapDesign) throws {
        func read(_ name: String, columns: Int) throws -> [Int32] {
            let path = (folder as NSString).appendingPathComponent(name)
            let array = try NPY.read(path: path)
            guard array.dtype == .int32, array.shape.count == 2, array.shape[1] == columns else {
                throw FacetError(.badData, "\(path): not a bootstrap state of \(columns) int32 columns")
            }
            return try array.doubles().map { Int32($0) }
        }
        self.init(design: design)
        genuine = try read(Self.genuineName, columns: 2)
        impostor = try read(Self.impostorName, columns: impostorColumns)
        if design.method == .firstOrder && impostor.count != design.subjects * BootstrapMethod.binCount {
            throw FacetError(.badData, "\(folder): bootstrap histograms of another number of subjects")
        }
    }
}
