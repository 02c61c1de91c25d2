/// A graph input or output (`onnx.ValueInfoProto`): name(1) and, from type(2) → tensor_type(1) → shape(2) → dim(1),
/// each dimension as its dim_value(1) or dim_param(2) (a symbolic name such as "N"); "?" when neither is set.
public struct ONNXValueInfo: Sendable {
    public internal(set) var name = ""
    public internal(set) var dims: [String] = []

    static func parse(_ reader: inout ProtobufReader) throws -> ONNXValueInfo {
        var info = ONNXValueInfo()
        while let (field, wire) = try reader.nextField() {
            switch (field, wire) {
            case (1, .lengthDelimited): info.name = try reader.string()
            case (2, .lengthDelimited):
                var type = try reader.message()
                while let (typeField, typeWire) = try type.nextField() {
                    guard typeField == 1, typeWire == .lengthDelimited else { try type.skip(typeWire); continue }
                    var tensorType = try type.message()
                    while let (tensorField, tensorWire) = try tensorType.nextField() {
                        guard tensorField == 2, tensorWire == .lengthDelimited else { try tensorType.skip(tensorWire); continue }
                        var shape = try tensorType.message()
                        info.dims = try parseDims(&shape)
                    }
                }
            default: try reader.skip(wire)
            }
        }
        return info
    }

    private static func parseDims(_ shape: inout ProtobufReader) throws -> [String] {
        var dims: [String] = []
        while let (field, wire) = try shape.nextField() {
            guard field == 1, wire == .lengthDelimited else { try shape.skip(wire); continue }
            var dim = try shape.message()
            var text = "?"
            while let (dimField, dimWire) = try dim.nextField() {
                switch (dimField, dimWire) {
                case (1, .varint): text = String(Int64(bitPattern: try dim.varint()))
                case (2, .lengthDelimited): text = try dim.string()
                default: try dim.skip(dimWire)
                }
            }
            dims.append(text)
        }
        return dims
    }
}
