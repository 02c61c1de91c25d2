import Foundation
import TensorCore

/// The two networks a study needs, where their weights go by default, and how to get them.
enum ModelWeights: String, CaseIterable, Sendable {
    case bisenet
    case arcface

    var defaultPath: String {
        switch self {
        case .bisenet: "Weights/79999_iter.pth"
        case .arcface: "Weights/arcface_r100.pth"
        }
    }

    var configKey: String { "\(rawValue)_weights" }
    var flag: String { "--\(rawValue)-weights" }

    /// What the file is and where it comes from, for the missing-weights message.
    var origin: String {
        switch self {
        case .bisenet:
            "BiSeNet face parsing, 79999_iter.pth from zllrunning/face-parsing.PyTorch (Google Drive link in its README)"
        case .arcface:
            "ArcFace IResNet-100: an insightface arcface_torch backbone.pth (e.g. ms1mv3_arcface_r100), the MXNet "
                + "model-r100-ii model-0000.params, or an insightface .onnx (glintr100.onnx); any can be converted "
                + "with `facet convert`"
        }
    }

    /// Throws exit status 66 naming every missing file, what it is, and where to put it.
    static func requireFiles(_ needed: [(ModelWeights, String)]) throws {
        let missing = needed.filter { !FileManager.default.fileExists(atPath: $0.1) }
        guard !missing.isEmpty else { return }
        let lines = missing.map { weights, path in
            "  \(path)  <- \(weights.origin); put it there or set \(weights.flag) / \"\(weights.configKey)\""
        }
        throw FacetError(
            .missingInput,
            "missing model weights; get these files and put them at the paths shown:\n" + lines.joined(separator: "\n"))
    }
}
