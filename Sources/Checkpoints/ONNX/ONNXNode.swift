/// The parts of an `onnx.NodeProto` the importer reads: input(1), output(2), name(3), op_type(4), attribute(5),
/// domain(7).
public struct ONNXNode: Sendable {
    /// Value names; an empty name is an omitted optional input.
    public internal(set) var inputs: [String] = []
    public internal(set) var outputs: [String] = []
    public internal(set) var name = ""
    public internal(set) var opType = ""
    public internal(set) var domain = ""
    public internal(set) var attributes: [String: ONNXAttribute] = [:]

    static func parse(_ reader: inout ProtobufReader) throws -> ONNXNode {
        var node = ONNXNode()
        while let (field, wire) = try reader.nextField() {
            switch (field, wire) {
            case (1, .lengthDelimited): node.inputs.append(try reader.string())
            case (2, .lengthDelimited): node.outputs.append(try reader.string())
            case (3, .lengthDelimited): node.name = try reader.string()
            case (4, .lengthDelimited): node.opType = try reader.string()
            case (5, .lengthDelimited):
                var message = try reader.message()
                let attribute = try ONNXAttribute.parse(&message)
                node.attributes[attribute.name] = attribute
            case (7, .lengthDelimited): node.domain = try reader.string()
            case (1...5, _), (7, _):
                throw reader.error("NodeProto field \(field) has wire type \(wire.rawValue)")
            default: try reader.skip(wire)
            }
        }
        return node
    }

    /// "'name' (Op)" for messages.
    public var label: String { "'\(name)' (\(opType))" }

    /// The tensor a `Constant` node produces from its `value`, `value_float` or `value_floats` attribute; nil for
    /// other nodes and other kinds of constant.
    public var constantTensor: ONNXTensor? {
        guard opType == "Constant" else { return nil }
        if let tensor = attributes["value"]?.tensor { return tensor }
        let float = ONNXTensor.DataType.float.rawValue
        if let value = attributes["value_float"]?.float { return ONNXTensor(dataType: float, floatData: [value]) }
        if let values = attributes["value_floats"]?.floats, !values.isEmpty {
            return ONNXTensor(dims: [values.count], dataType: float, floatData: values)
        }
        return nil
    }
}
