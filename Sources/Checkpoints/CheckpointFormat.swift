import Foundation
import TensorCore

/// The weight file formats Facet imports, recognised by their first bytes (never by file extension), and the
/// one place that maps each to its reader. Raw values are the tokens recorded as `source_format` in converted
/// files (and as `format` by the IResNet imports of MXNet and ONNX files).
public enum CheckpointFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `torch.save`, torch ≥ 1.6: a zip archive.
    case pytorchZip = "pytorch-zip"
    /// `torch.save` before 1.6 or with `_use_new_zipfile_serialization=False`: concatenated pickles.
    case pytorchLegacy = "pytorch-legacy"
    case safetensors = "safetensors"
    /// MXNet `.params` (NDArray list, magic 0x112).
    case mxnetParams = "mxnet-params"
    /// ONNX ModelProto (protobuf; recognised by its leading `ir_version` field).
    case onnx = "onnx"

    public var description: String {
        switch self {
        case .pytorchZip: "PyTorch checkpoint (zip)"
        case .pytorchLegacy: "PyTorch checkpoint (legacy)"
        case .safetensors: "safetensors"
        case .mxnetParams: "MXNet .params"
        case .onnx: "ONNX model"
        }
    }

    /// The format of the file at `path`.
    public static func detect(path: String) throws -> CheckpointFormat {
        let handle = try InputFile.open(path)
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
        let size = (try? handle.seekToEnd()) ?? 0
        guard let format = detect(head: head, fileSize: size) else {
            throw FacetError(.unsupported, "\(path): not a recognised weight file (PyTorch .pth, safetensors, MXNet .params or ONNX)")
        }
        return format
    }

    /// The format whose signature `head` (the first 16 bytes or fewer) carries.
    public static func detect(head: [UInt8], fileSize: UInt64) -> CheckpointFormat? {
        if head.starts(with: TorchCheckpoint.zipMagic) { return .pytorchZip }
        if TorchCheckpoint.looksLikeLegacy(head) { return .pytorchLegacy }
        if head.count >= 9, head[8] == UInt8(ascii: "{") {
            let n = head[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if fileSize >= 8, n <= fileSize - 8 { return .safetensors }
        }
        if head.starts(with: [0x12, 0x01, 0, 0, 0, 0, 0, 0]) { return .mxnetParams }
        // ModelProto field 1 (ir_version, varint): tag 0x08 then a small version number.
        if head.count >= 2, head[0] == 0x08, (1...32).contains(head[1]) { return .onnx }
        return nil
    }

    /// Reads the file at `path`, which must be in this format.
    public func load(path: String) throws -> CheckpointContents {
        switch self {
        case .pytorchZip, .pytorchLegacy: return .tensors(try TorchCheckpoint.load(path: path))
        case .safetensors: return .tensors(try WeightStore(safetensorsAt: path))
        case .mxnetParams: return .tensors(try MXNetParams.load(path: path))
        case .onnx: return .onnx(try ONNXModel.load(path: path))
        }
    }
}
