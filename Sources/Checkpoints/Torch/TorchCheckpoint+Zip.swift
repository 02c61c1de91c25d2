import Foundation
import TensorCore

extension TorchCheckpoint {
    /// The zip format: one `<archive>/data.pkl` whose persistent ids name `<archive>/data/<key>` entries.
    static func loadZip(_ data: Data, source: String) throws -> WeightStore {
        let zip = try ZipArchive(data, source: source)
        let pickles = zip.names.filter { $0.hasSuffix("/data.pkl") && $0.split(separator: "/").count == 2 }
        guard pickles.count == 1, let pickleName = pickles.first else {
            throw FacetError(.badData, "\(source): zip archive has \(pickles.count) '<name>/data.pkl' entries, expected 1")
        }
        let prefix = String(pickleName.dropLast("data.pkl".count))
        if let entry = zip[prefix + "byteorder"] {
            let order = String(decoding: try zip.data(entry), as: UTF8.self)
            guard order == "little" else { throw FacetError(.unsupported, "\(source): checkpoint byte order is '\(order)'") }
        }
        var unpickler = RestrictedUnpickler(data: try zip.data(zip[pickleName]!), source: "\(source) (\(pickleName))") { pid in
            let id = try storageID(pid, source: source)
            let name = prefix + "data/" + id.key
            guard let entry = zip[name] else { throw FacetError(.badData, "\(source): storage '\(id.key)' has no entry '\(name)'") }
            let (bytes, overflow) = id.count.multipliedReportingOverflow(by: id.dtype.byteSize)
            guard !overflow, entry.size == bytes else {
                throw FacetError(.badData, "\(source): storage '\(id.key)' has \(entry.size) bytes, but \(id.count) × \(id.dtype.storageClass) needs \(id.count &* id.dtype.byteSize)")
            }
            return .storage(TorchStorageRef(key: id.key, dtype: id.dtype, blobCount: id.count, offset: 0, count: id.count))
        }
        let root = try unpickler.load()
        return try makeStore(root, source: source) { storage in try zip.data(zip[prefix + "data/" + storage.key]!) }
    }
}
