import Checkpoints
import Foundation

/// The weight-file readers: `.pth` (zip archive or legacy pickles, both through the restricted unpickler),
/// MXNet `.params`, ONNX protobuf and safetensors.
extension FuzzTarget {
    static func pth(_ data: Data) throws {
        _ = try TorchCheckpoint.load(data, source: "fuzz.pth")
    }

    static func mxnet(_ data: Data) throws {
        _ = try MXNetParams.load(path: FuzzScratch.write(data, named: "input.params"))
    }

    /// Parses the model, then decodes every initializer, as the IResNet import does.
    static func onnx(_ data: Data) throws {
        let model = try ONNXModel.parse(data, source: "fuzz.onnx")
        for tensor in model.graph.initializers {
            try step { _ = try model.floats(of: tensor) }
        }
    }

    static func safetensors(_ data: Data) throws {
        _ = try WeightStore(safetensorsAt: FuzzScratch.write(data, named: "input.safetensors"))
    }
}
