/// The parts of an `onnx.AttributeProto` the importer reads: name(1), f(2), i(3), s(4), t(5), floats(7), ints(8).
/// Sub-graphs and the rest are skipped.
public struct ONNXAttribute: Sendable {
    public internal(set) var name = ""
    public internal(set) var float: Float?
    public internal(set) var int: Int64?
    public internal(set) var string: String?
    public internal(set) var tensor: ONNXTensor?
    public internal(set) var floats: [Float] = []
    public internal(set) var ints: [Int64] = []

    static func parse(_ reader: inout ProtobufReader) throws -> ONNXAttribute {
        var attribute = ONNXAttribute()
        var ints: [UInt64] = []
        while let (field, wire) = try reader.nextField() {
            switch (field, wire) {
            case (1, .lengthDelimited): attribute.name = try reader.string()
            case (2, .fixed32): attribute.float = Float(bitPattern: try reader.fixed32())
            case (3, .varint): attribute.int = Int64(bitPattern: try reader.varint())
            case (4, .lengthDelimited): attribute.string = try reader.string()
            case (5, .lengthDelimited):
                var message = try reader.message()
                attribute.tensor = try ONNXTensor.parse(&message)
            case (7, .fixed32): attribute.floats.append(Float(bitPattern: try reader.fixed32()))
            case (7, .lengthDelimited):
                var packed = try reader.message()
                while !packed.isAtEnd { attribute.floats.append(Float(bitPattern: try packed.fixed32())) }
            case (8, _): try reader.repeatedVarints(wire, into: &ints)
            case (1...5, _):
                throw reader.error("AttributeProto field \(field) has wire type \(wire.rawValue)")
            default: try reader.skip(wire)
            }
        }
        attribute.ints = ints.map { Int64(bitPattern: $0) }
        return attribute
    }
}
