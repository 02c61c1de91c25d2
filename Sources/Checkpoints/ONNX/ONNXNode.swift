/// The parts of an `onnx.NodeProto` the importer reads: input(1), output(2), name(3), op_type(4), attribute(5),
/// domain(7).
struct ONNXNode {
    var inputs: [String] = []
    var outputs: [String] = []
    var name = ""
    var opType = ""
    var domain = ""
    var attributes: [String: ONNXAttribute] = [:]

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
    var label: String { "'\(name)' (\(opType))" }
}
