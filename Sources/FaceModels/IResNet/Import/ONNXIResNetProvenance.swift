/// What the ONNX IResNet import records about the graph it read, beyond the facts the model uses.
public struct ONNXIResNetProvenance: Sendable, Equatable {
    /// The graph's first input that is not an initializer, and its dims (`1x3x112x112`, symbolic dims by name).
    public var inputName: String
    public var inputShape: String
    public var outputName: String
    /// Producer name and version, e.g. `pytorch 2.1.0`.
    public var producer: String
    public var opset: Int64
    /// Every distinct BatchNormalization epsilon, ascending (the model uses one only when there is one).
    public var batchNormEpsilons: [Float]
    /// The in-graph Sub and Mul constants (one value, or one per channel) when the graph normalizes its input and
    /// they could be read.
    public var inGraphMean: [Float]?
    public var inGraphScale: [Float]?

    public init(
        inputName: String, inputShape: String, outputName: String, producer: String, opset: Int64,
        batchNormEpsilons: [Float], inGraphMean: [Float]?, inGraphScale: [Float]?
    ) {
        self.inputName = inputName
        self.inputShape = inputShape
        self.outputName = outputName
        self.producer = producer
        self.opset = opset
        self.batchNormEpsilons = batchNormEpsilons
        self.inGraphMean = inGraphMean
        self.inGraphScale = inGraphScale
    }
}
