import Foundation
import TensorCore

extension TorchCheckpoint {
    /// The legacy format: magic, protocol version, sys_info, state_dict and storage-key pickles, then the storages.
    static func loadLegacy(_ data: Data, source: String) throws -> WeightStore {
        func bad(_ what: String) -> FacetError { FacetError(.badData, "\(source): \(what)") }
        let noPersistentIDs: RestrictedUnpickler.PersistentLoad = { _ in throw bad("unexpected persistent id in a header pickle") }
        var offset = 0
        func next(_ load: @escaping RestrictedUnpickler.PersistentLoad = noPersistentIDs) throws -> PickleValue {
            var unpickler = RestrictedUnpickler(data: data, offset: offset, source: source, persistentLoad: load)
            let value = try unpickler.load()
            offset = unpickler.offset
            return value
        }
        guard case .bigInt(let magic) = try next(), magic == legacyMagic else { throw bad("a pickle, but not a PyTorch checkpoint (wrong magic number)") }
        guard case .int(1001) = try next() else { throw bad("unknown legacy checkpoint protocol version") }
        guard case .dict(let sysInfo) = try next() else { throw bad("legacy sys_info is not a dict") }
        if case .bool(false) = sysInfo[.string("little_endian")] {
            throw FacetError(.unsupported, "\(source): checkpoint was written on a big-endian machine")
        }

        // Persistent ids record each storage's type and size; a view (view_key, offset, size) names part of one.
        var declared: [String: (dtype: TorchDType, count: Int)] = [:]
        let root = try next { pid in
            let id = try storageID(pid, source: source)
            if let seen = declared[id.key], seen != (id.dtype, id.count) {
                throw bad("storage '\(id.key)' is declared twice with different types or sizes")
            }
            declared[id.key] = (id.dtype, id.count)
            var (start, count) = (0, id.count)
            if id.items.count >= 6, case .tuple(let view, _) = id.items[5] {
                guard view.count == 3, case .int(let viewOffset) = view[1], case .int(let viewCount) = view[2],
                      viewOffset >= 0, viewCount >= 0, viewCount <= id.count, viewOffset <= id.count - viewCount
                else { throw bad("storage view of '\(id.key)' is malformed or out of range") }
                (start, count) = (viewOffset, viewCount)
            }
            return .storage(TorchStorageRef(key: id.key, dtype: id.dtype, blobCount: id.count, offset: start, count: count))
        }
        guard case .list(let keyList) = try next() else { throw bad("legacy storage key list is not a list") }

        // The storages follow in key-list order, each as u64 element count + raw bytes.
        var blobs: [String: Data] = [:]
        for item in keyList.items {
            guard case .string(let key) = item, let info = declared[key], blobs[key] == nil else {
                throw bad("storage key list names an unknown or repeated storage")
            }
            guard data.count - offset >= 8 else { throw bad("truncated before storage '\(key)'") }
            let start = data.startIndex + offset
            let count = data[start..<start + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard count == UInt64(info.count) else { throw bad("storage '\(key)' holds \(count) elements, its tensors declared \(info.count)") }
            let (bytes, overflow) = info.count.multipliedReportingOverflow(by: info.dtype.byteSize)
            guard !overflow, bytes <= data.count - offset - 8 else {
                throw bad("storage '\(key)' (\(info.count) × \(info.dtype.storageClass)) runs past the end of the file (truncated?)")
            }
            blobs[key] = data[start + 8..<start + 8 + bytes]
            offset += 8 + bytes
        }
        return try makeStore(root, source: source) { storage in
            guard let blob = blobs[storage.key] else { throw bad("storage '\(storage.key)' is missing from the file") }
            return blob
        }
    }
}
