import Foundation
import Testing
import TensorCore
import TestSupport
@testable import Checkpoints

/// Hand-assembled pickles: what a state_dict needs works, everything else is refused with a message naming
/// the opcode or global, and hostile sizes fail cleanly.
@Suite struct RestrictedUnpicklerTests {
    /// A fixed 4-element float32 storage for any persistent id.
    static var storage: PickleValue { .storage(TorchStorageRef(key: "0", dtype: .float32, blobCount: 4, offset: 0, count: 4)) }

    static func load(_ bytes: [UInt8], limits: RestrictedUnpickler.Limits = .init()) throws -> PickleValue {
        var unpickler = RestrictedUnpickler(data: Data(bytes), source: "mem.pkl", limits: limits) { _ in storage }
        return try unpickler.load()
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let proto: [UInt8] = [0x80, 0x02]
    static let stop: [UInt8] = [0x2E]

    /// `OrderedDict()` then `{"w": _rebuild_tensor_v2(<pid>, 0, size, stride, False, OrderedDict())}`.
    static func stateDict(size: [UInt8], stride: [UInt8]) -> [UInt8] {
        proto + text("ccollections\nOrderedDict\n") + [0x71, 0, 0x29, 0x52]  // BINPUT 0, EMPTY_TUPLE, REDUCE
            + [0x28, 0x58, 1, 0, 0, 0] + text("w")  // MARK, BINUNICODE "w"
            + text("ctorch._utils\n_rebuild_tensor_v2\n")
            + [0x28, 0x4E, 0x51, 0x4B, 0]  // MARK, NONE (pid), BINPERSID, BININT1 0
            + size + stride + [0x89, 0x68, 0, 0x29, 0x52, 0x74, 0x52]  // False, OrderedDict(), TUPLE, REDUCE
            + [0x75] + stop  // SETITEMS
    }

    @Test func readsAStateDictWithAStridedView() throws {
        // size (2,) stride (2,): elements 0 and 2 of the storage.
        let value = try Self.load(Self.stateDict(size: [0x4B, 2, 0x85], stride: [0x4B, 2, 0x85]))
        guard case .dict(let dict) = value, case .tensor(let t)? = dict[.string("w")] else {
            Issue.record("expected a dict holding a tensor, got \(value.typeName)")
            return
        }
        #expect(t.size == [2] && t.stride == [2] && t.offset == 0)
        let blob = Data([Float(1), 2, 3, 4].flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
        #expect(t.floats(from: blob) == [1, 3])
    }

    static let refused: [(String, [UInt8], FailureKind, String)] = [
        ("os.system", proto + text("cos\nsystem\n") + text("X") + [2, 0, 0, 0] + text("ls") + [0x85, 0x52] + stop,
         .unsupported, "global 'os.system' is not allowed"),
        ("builtins.eval", proto + text("cbuiltins\neval\n") + stop, .unsupported, "global 'builtins.eval' is not allowed"),
        ("STACK_GLOBAL", [0x80, 0x04, 0x8C, 8] + text("builtins") + [0x8C, 4] + text("exec") + [0x93] + stop,
         .unsupported, "global 'builtins.exec' is not allowed"),
        ("INST", proto + text("ios\nsystem\n") + stop, .unsupported, "opcode INST (0x69)"),
        ("NEWOBJ", proto + [0x81] + stop, .unsupported, "opcode NEWOBJ (0x81)"),
        ("text INT", proto + text("I1\n") + stop, .unsupported, "opcode INT (0x49)"),
        ("protocol 0/1", [0x80, 0x01] + stop, .unsupported, "pickle protocol 1"),
        ("calling a storage type", proto + text("ctorch\nFloatStorage\n") + [0x29, 0x52] + stop, .unsupported, "calling torch.FloatStorage"),
        ("REDUCE on a non-callable", proto + [0x4E, 0x29, 0x52] + stop, .unsupported, "REDUCE on a None"),
        ("OrderedDict with arguments", proto + text("ccollections\nOrderedDict\n") + [0x4E, 0x85, 0x52] + stop,
         .unsupported, "collections.OrderedDict called with arguments"),
        ("huge BINUNICODE", proto + [0x58, 0xF0, 0xFF, 0xFF, 0xFF] + stop, .badData, "length 4294967280 runs past the end of the input"),
        ("huge BINBYTES", proto + [0x42, 0x00, 0x00, 0x00, 0x80] + stop, .badData, "length 2147483648 runs past the end"),
        ("huge FRAME", [0x80, 0x04, 0x95] + [UInt8](repeating: 0xFF, count: 8) + stop, .badData, "runs past the end"),
        ("truncated", proto + [0x5D, 0x71], .badData, "truncated (no STOP opcode)"),
        ("empty", [], .badData, "truncated (no STOP opcode)"),
        ("stack underflow", proto + [0x86] + stop, .badData, "stack underflow"),
        ("pop below a MARK", proto + [0x4E, 0x28, 0x85] + stop, .badData, "stack underflow"),
        ("unknown memo", proto + [0x68, 5] + stop, .badData, "memo index 5 was never stored"),
        ("invalid UTF-8", proto + [0x8C, 1, 0xFF] + stop, .badData, "not valid UTF-8"),
        ("deep tuples", proto + [0x29] + [UInt8](repeating: 0x85, count: 200) + stop, .unsupported, "nested deeper than 100"),
        // Each step: new list, append the previous one (memo 0) to it, store it as memo 0, pop.
        ("deep lists", proto + [0x5D, 0x71, 0, 0x30] + Array(repeating: [0x5D, 0x68, 0, 0x61, 0x71, 0, 0x30], count: 150).flatMap { $0 } + stop,
         .unsupported, "nested deeper than 100"),
        ("mutating a stored list", proto + [0x5D, 0x71, 0, 0x5D, 0x68, 0, 0x61, 0x30, 0x68, 0, 0x4E, 0x61] + stop,
         .unsupported, "APPEND to a list already stored in another object"),
        ("SETITEM on a list", proto + [0x5D, 0x4E, 0x4E, 0x73] + stop, .unsupported, "SETITEM on a list"),
        ("float dict key", proto + [0x7D, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0x4E, 0x73] + stop, .unsupported, "dict key of type float"),
        ("BUILD on a list", proto + [0x5D, 0x4E, 0x62] + stop, .unsupported, "BUILD of a list with a None"),
        ("view past the storage", stateDict(size: [0x4B, 10, 0x85], stride: [0x4B, 1, 0x85]), .badData,
         "reaches element 9 of a storage of 4"),
        ("size/stride rank mismatch", stateDict(size: [0x4B, 2, 0x85], stride: [0x29]), .badData, "do not match"),
        ("negative size", stateDict(size: [0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x85], stride: [0x4B, 1, 0x85]), .badData,
         "size has a negative or non-integer entry"),
        ("overflowing view", stateDict(size: [0x4B, 3, 0x85], stride: [0x8A, 8] + [UInt8](repeating: 0xFF, count: 7) + [0x7F, 0x85]),
         .badData, "overflows"),
    ]

    @Test func hugeKeysAreClippedInMessages() {
        let dict = PickleDict()
        dict.set(.string(String(repeating: "k", count: 50_000)), .none)
        expectFailure(.unsupported, "mem: state_dict entry 'kkk", "… (50000 characters)' is a None, not a tensor") {
            _ = try TorchCheckpoint.makeStore(.dict(dict), source: "mem") { _ in Data() }
        }
    }

    @Test(arguments: refused.indices)
    func refusesHostileOrMalformedPickles(index: Int) {
        let (_, bytes, kind, message) = Self.refused[index]
        expectFailure(kind, "mem.pkl: ", message) { _ = try Self.load(bytes) }
    }

    /// The caps, scaled down so the inputs stay small; the defaults work the same way.
    static let small = RestrictedUnpickler.Limits(stack: 1000, memo: 100, depth: 100, containerItems: 5000)

    @Test func refusesAnOverfullStack() {
        let bytes = Self.proto + [UInt8](repeating: 0x4E, count: 1001) + Self.stop
        expectFailure(.unsupported, "stack deeper than 1000 items") { _ = try Self.load(bytes, limits: Self.small) }
        #expect(throws: Never.self) { _ = try Self.load(Self.proto + [UInt8](repeating: 0x4E, count: 1000) + Self.stop, limits: Self.small) }
    }

    /// Rounds of 900-element APPENDS: the stack stays small, but the total element budget runs out.
    @Test func refusesUnboundedContainers() {
        let round = [UInt8(0x28)] + [UInt8](repeating: 0x4E, count: 900) + [0x65]
        let bytes = Self.proto + [0x5D] + (0..<6).flatMap { _ in round } + Self.stop
        expectFailure(.unsupported, "more than 5000 elements") { _ = try Self.load(bytes, limits: Self.small) }
    }

    @Test func refusesAnOverfullMemo() {
        let bytes = Self.proto + [0x4E] + (0..<101).flatMap { [0x72] + withUnsafeBytes(of: UInt32($0).littleEndian, Array.init) } + Self.stop
        expectFailure(.unsupported, "memo larger than 100 entries") { _ = try Self.load(bytes, limits: Self.small) }
    }
}
