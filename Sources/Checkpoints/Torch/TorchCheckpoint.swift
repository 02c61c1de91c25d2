import Foundation
import TensorCore

/// Reads the state_dicts PyTorch writes with `torch.save(model.state_dict(), path)`, in both formats:
///
/// - zip (torch ≥ 1.6): `<archive>/data.pkl` is the pickle, `<archive>/data/<key>` each storage's raw bytes,
///   all entries stored uncompressed;
/// - legacy (`_use_new_zipfile_serialization=False`, and everything before 1.6): five pickles in a row (magic
///   number, protocol version 1001, sys_info, the state_dict, the list of storage keys), then each storage as an
///   8-byte little-endian element count followed by its bytes.
///
/// The pickles go through `RestrictedUnpickler`, so a checkpoint cannot run code. The result keeps the file's
/// key order. Float32, float16, bfloat16 and float64 tensors become float32; integer `num_batches_tracked`
/// counters are dropped (`WeightStore.isTrainingCounter`); any other non-float tensor is refused.
public enum TorchCheckpoint {
    public static func load(path: String) throws -> WeightStore {
        guard FileManager.default.fileExists(atPath: path) else { throw FacetError(.missingInput, "\(path): no such file") }
        return try load(MappedFile.read(path), source: path)
    }

    public static func load(_ data: Data, source: String) throws -> WeightStore {
        if data.starts(with: zipMagic) { return try loadZip(data, source: source) }
        if looksLikeLegacy(data.prefix(2)) { return try loadLegacy(data, source: source) }
        throw FacetError(.badData, "\(source): not a PyTorch checkpoint (neither a zip archive nor a legacy pickle)")
    }

    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    /// A legacy file starts with a pickle (PROTO 2 by default, up to 5 with `pickle_protocol=`) holding the
    /// magic number 0x1950a86a20f9469cfc6c, which `loadLegacy` checks.
    static func looksLikeLegacy(_ head: some Collection<UInt8>) -> Bool {
        head.count >= 2 && head.first == 0x80 && (2...5).contains(head.dropFirst().first!)
    }

    static let legacyMagic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    /// Parses a persistent id `('storage', torch.<T>Storage, key, location, numel, ...)`, the common prefix of both formats.
    static func storageID(_ pid: PickleValue, source: String) throws -> (items: [PickleValue], dtype: TorchDType, key: String, count: Int) {
        guard case .tuple(let items, _) = pid, items.count >= 5, case .string("storage") = items[0],
              case .global(.storageType(let dtype)) = items[1], case .string(let key) = items[2],
              case .int(let count) = items[4], count >= 0
        else { throw FacetError(.badData, "\(source): persistent id is not ('storage', type, key, location, size)") }
        return (items, dtype, key, count)
    }

    /// Turns the unpickled state_dict into a WeightStore, reading each tensor's storage through `blob`.
    static func makeStore(_ root: PickleValue, source: String, blob: (TorchStorageRef) throws -> Data) throws -> WeightStore {
        guard case .dict(let dict) = root else {
            throw FacetError(.unsupported, "\(source): the checkpoint holds a \(root.typeName), not a state_dict (a dict of tensors)")
        }
        var store = WeightStore(source: source)
        for (key, value) in dict.entries {
            guard case .string(let name) = key else { throw FacetError(.unsupported, "\(source): a state_dict key is not a string") }
            guard case .tensor(let tensor) = value else {
                throw FacetError(.unsupported, "\(source): state_dict entry '\(name.clippedForMessage())' is a \(value.typeName), not a tensor")
            }
            guard tensor.storage.dtype.isFloatingPoint else {
                if WeightStore.isTrainingCounter(name) { continue }
                throw FacetError(.unsupported, "\(source): tensor '\(name.clippedForMessage())' is \(tensor.storage.dtype.storageClass), not floating point")
            }
            try store.insert(name, StoredTensor(shape: tensor.size, values: tensor.floats(from: try blob(tensor.storage))))
        }
        return store
    }
}
