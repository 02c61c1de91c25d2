import TensorCore

/// The tensors of one weight file by their checkpoint key names (e.g. `cp.resnet.layer1.0.conv1.weight`), in file
/// order, plus string metadata. The tensor file readers (.pth, .params, .safetensors) produce one of these; models
/// consume it strictly through a scope that tracks which keys were used.
public struct WeightStore: Sendable {
    /// The file the tensors came from, for error messages.
    public let source: String
    public private(set) var names: [String] = []
    private var tensors: [String: StoredTensor] = [:]
    public var metadata: [String: String] = [:]

    public init(source: String) { self.source = source }

    public subscript(name: String) -> StoredTensor? { tensors[name] }

    public var count: Int { names.count }

    /// Adds a tensor; a second tensor with the same name is an error in the file.
    public mutating func insert(_ name: String, _ tensor: StoredTensor) throws {
        guard tensors[name] == nil else { throw FacetError(.badData, "\(source): duplicate tensor name '\(name)'") }
        names.append(name)
        tensors[name] = tensor
    }

    /// Removes a tensor, returning it.
    @discardableResult
    public mutating func remove(_ name: String) -> StoredTensor? {
        guard let t = tensors.removeValue(forKey: name) else { return nil }
        names.removeAll { $0 == name }
        return t
    }
}
