import Foundation
import TensorCore

/// One reader of untrusted bytes, fed each fuzz input. A `FacetError` is the expected answer to a bad input;
/// any other error escaping a reader is a broken contract, so it stops the run like a crash does.
enum FuzzTarget: String, CaseIterable {
    case pth, mxnet, onnx, safetensors, npy, image, text, config

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FACET_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set FACET_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ data: Data) {
        do {
            switch self {
            case .pth: try Self.pth(data)
            case .mxnet: try Self.mxnet(data)
            case .onnx: try Self.onnx(data)
            case .safetensors: try Self.safetensors(data)
            case .npy: try Self.npy(data)
            case .image: try Self.image(data)
            case .text: try Self.text(data)
            case .config: try Self.config(data)
            }
        } catch is FacetError {
        } catch {
            fatalError("\(rawValue): a reader threw \(type(of: error)), not a FacetError: \(error)")
        }
    }

    /// Runs `body`, treating a `FacetError` as that step's answer, so the steps after it still run.
    static func step(_ body: () throws -> Void) rethrows {
        do { try body() } catch is FacetError {}
    }
}
