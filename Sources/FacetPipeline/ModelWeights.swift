import Foundation
import TensorCore

/// Finds and loads the weight file a model needs.
///
/// `--weights` wins; otherwise the first existing default in `$FACET_WEIGHTS` (a folder), then `./Weights`. Any
/// format `facet convert` reads is accepted (.pth, .safetensors, MXNet .params, ONNX), decided by content.
public enum ModelWeights {
    /// Which network, with the file names looked for by default and where to get them.
    public enum Kind: Sendable {
        case bisenet, iresnet

        public var defaults: [String] {
            switch self {
            case .bisenet: ["79999_iter.safetensors", "79999_iter.pth"]
            case .iresnet: ["arcface.safetensors", "model-r100-ii/model-0000.params", "backbone.pth", "w600k_r50.onnx", "glintr100.onnx"]
            }
        }

        public var howToGet: String {
            switch self {
            case .bisenet:
                "get 79999_iter.pth (BiSeNet, face-parsing.PyTorch release) and put it in ./Weights/ or pass --weights"
            case .iresnet:
                "get an ArcFace IResNet (insightface model-r100-ii/model-0000.params, an arcface_torch backbone.pth, or w600k_r50.onnx / glintr100.onnx) and put it in ./Weights/ (or convert it there as arcface.safetensors) or pass --weights"
            }
        }
    }

    /// The weight file to use: `explicit` if given (it must exist), else the first default that exists.
    public static func resolve(_ explicit: String?, kind: Kind) throws -> String {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw FacetError(.missingInput, "\(explicit): no such weight file")
            }
            return explicit
        }
        var folders = ["Weights"]
        if let env = ProcessInfo.processInfo.environment["FACET_WEIGHTS"], !env.isEmpty { folders.insert(env, at: 0) }
        for folder in folders {
            for name in kind.defaults {
                let path = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path) { return path }
            }
        }
        let looked = folders.flatMap { f in kind.defaults.map { (f as NSString).appendingPathComponent($0) } }
        throw FacetError(.missingInput, "no weights found (looked for \(looked.joined(separator: ", "))): \(kind.howToGet); see Weights/README.md")
    }

}
