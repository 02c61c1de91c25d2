import TensorCore

extension Conv2D {
    /// `self(x)`, profiled as layer `name` with the BatchNorm `folded` (a sibling module name) folded into it.
    func callAsFunction(
        _ x: Tensor, workspace: InferenceWorkspace, name: @autoclosure () -> String,
        folded: @autoclosure () -> String? = nil
    ) -> Tensor {
        workspace.profile(name(), kind: kind(for: x.shape), flops: flops(for: x.shape), folded: folded().map { [$0] } ?? []) {
            self(x, workspace: workspace)
        }
    }

    /// The kernel that runs this conv; Winograd layers are grouped by output size, im2col ones by stride.
    func kind(for input: Shape) -> LayerKind {
        let output = outputShape(for: input)
        switch filters {
        case .winograd(let transformed):
            let tile = "winograd F(\(transformed.tile.outputSize)×\(transformed.tile.outputSize))"
            return LayerKind(name: tile, group: "\(tile) \(output[2])×\(output[3])")
        case .direct:
            let g = geometry
            return LayerKind(
                name: "im2col \(g.kernelH)×\(g.kernelW) s\(g.strideH)", group: "im2col stride \(g.strideH)")
        }
    }

    /// 2 × the multiply-adds of the direct convolution of an `input`-shaped tensor.
    func flops(for input: Shape) -> Int {
        let output = outputShape(for: input)
        return 2 * output.count * input[1] * geometry.kernelH * geometry.kernelW
    }
}
