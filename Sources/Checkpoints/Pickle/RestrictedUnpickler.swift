import Foundation
import TensorCore

/// A pickle interpreter for PyTorch state_dicts that cannot be made to run code or exhaust memory.
///
/// Python's unpickler calls any global a pickle names; this one knows only the opcodes a state_dict pickle uses
/// (protocols 2 to 5, binary forms) and the globals in `PickleGlobal`, and REDUCE can only call those. Every
/// length is checked against the bytes that remain, and the stack, the memo and container nesting are capped,
/// so a hostile file costs at most a small multiple of its own size and never a crash.
struct RestrictedUnpickler {
    /// Caps on what a pickle may build. The defaults are far above what real state_dicts need (an r200 IResNet
    /// pickle: about 10k stack items and memo entries, 10 container elements per tensor) and together bound
    /// memory at a few hundred MB whatever the file's size.
    struct Limits {
        var stack = 1_000_000
        var memo = 1_000_000
        /// A state_dict is 4 containers deep; 100 leaves room and keeps recursion (including deinit) shallow.
        var depth = 100
        /// Elements over all tuples, lists and dicts.
        var containerItems = 10_000_000
    }

    /// Turns a persistent id (BINPERSID) into a value, e.g. a storage reference.
    typealias PersistentLoad = (PickleValue) throws -> PickleValue

    private let data: Data
    private let source: String
    private let persistentLoad: PersistentLoad
    private let limits: Limits
    /// Index into `data` of the next byte; after `load()` it is just past STOP.
    private(set) var position: Int
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]
    private var containerItems = 0

    /// Reads one pickle starting at `data.startIndex + offset`.
    init(data: Data, offset: Int = 0, source: String, limits: Limits = Limits(), persistentLoad: @escaping PersistentLoad) {
        self.data = data
        self.limits = limits
        self.source = source
        self.persistentLoad = persistentLoad
        position = data.startIndex + offset
    }

    /// Bytes read so far from the start of `data`.
    var offset: Int { position - data.startIndex }

    // MARK: - Errors

    private func malformed(_ what: String) -> FacetError {
        FacetError(.badData, "\(source): malformed pickle: \(what.clippedForMessage()) (at byte \(offset))")
    }

    private func refused(_ what: String) -> FacetError {
        FacetError(.unsupported, "\(source): refused pickle: \(what.clippedForMessage()) (at byte \(offset)); only PyTorch state_dicts are loaded")
    }

    // MARK: - Reading input

    private mutating func byte() throws -> UInt8 {
        guard position < data.endIndex else { throw malformed("truncated (no STOP opcode)") }
        defer { position += 1 }
        return data[position]
    }

    private mutating func bytes(_ count: Int) throws -> Data {
        guard count >= 0, count <= data.endIndex - position else {
            throw malformed("length \(count) runs past the end of the input (\(data.endIndex - position) bytes left)")
        }
        defer { position += count }
        return data[position..<position + count]
    }

    /// An unsigned little-endian integer of `width` bytes.
    private mutating func unsigned(_ width: Int) throws -> UInt64 {
        try bytes(width).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private mutating func length(_ width: Int) throws -> Int {
        let n = try unsigned(width)
        guard n <= UInt64(data.endIndex - position) else {
            throw malformed("length \(n) runs past the end of the input (\(data.endIndex - position) bytes left)")
        }
        return Int(n)
    }

    /// A newline-terminated ASCII line (GLOBAL's operands), at most 256 bytes.
    private mutating func line() throws -> String {
        var text: [UInt8] = []
        while true {
            let b = try byte()
            if b == 0x0A { return String(decoding: text, as: UTF8.self) }
            guard text.count < 256, b >= 0x20, b < 0x7F else { throw malformed("bad GLOBAL name") }
            text.append(b)
        }
    }

    private func utf8(_ raw: Data) throws -> String {
        guard let s = String(data: raw, encoding: .utf8) else { throw malformed("string is not valid UTF-8") }
        return s
    }

    private func latin1(_ raw: Data) -> String { String(String.UnicodeScalarView(raw.map(Unicode.Scalar.init))) }

    // MARK: - Stack

    private mutating func push(_ value: PickleValue) throws {
        guard stack.count < limits.stack else { throw refused("stack deeper than \(limits.stack) items") }
        stack.append(value)
    }

    private mutating func pop() throws -> PickleValue {
        guard let value = stack.last, stack.count > (marks.last ?? 0) else { throw malformed("stack underflow") }
        stack.removeLast()
        return value
    }

    private func top() throws -> PickleValue {
        guard let value = stack.last, stack.count > (marks.last ?? 0) else { throw malformed("stack underflow") }
        return value
    }

    /// Everything above the most recent MARK, which is removed.
    private mutating func popToMark() throws -> [PickleValue] {
        guard let mark = marks.popLast() else { throw malformed("no MARK on the stack") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private mutating func spend(_ items: Int) throws {
        containerItems += items
        guard containerItems <= limits.containerItems else {
            throw refused("more than \(limits.containerItems) elements in tuples, lists and dicts")
        }
    }

    private mutating func tuple(_ items: [PickleValue]) throws -> PickleValue {
        try spend(items.count)
        let depth = (items.map(\.depth).max() ?? 0) + 1
        guard depth <= limits.depth else { throw refused("containers nested deeper than \(limits.depth)") }
        items.forEach { $0.freeze() }
        return .tuple(items, depth: depth)
    }

    private mutating func append(_ values: [PickleValue], to target: PickleValue) throws {
        try spend(values.count)
        guard case .list(let list) = target else { throw refused("APPEND to a \(target.typeName)") }
        guard !list.isFrozen else { throw refused("APPEND to a list already stored in another object") }
        for v in values {
            guard v.depth < limits.depth else { throw refused("containers nested deeper than \(limits.depth)") }
            list.append(v)
        }
    }

    private mutating func setItems(_ pairs: [PickleValue], in target: PickleValue) throws {
        try spend(pairs.count / 2)
        guard case .dict(let dict) = target else { throw refused("SETITEM on a \(target.typeName)") }
        guard !dict.isFrozen else { throw refused("SETITEM on a dict already stored in another object") }
        guard pairs.count % 2 == 0 else { throw malformed("SETITEMS with an odd number of items") }
        for i in stride(from: 0, to: pairs.count, by: 2) {
            let key: PickleDict.Key
            switch pairs[i] {
            case .string(let s): key = .string(s)
            case .int(let n): key = .int(n)
            default: throw refused("dict key of type \(pairs[i].typeName)")
            }
            guard pairs[i + 1].depth < limits.depth else { throw refused("containers nested deeper than \(limits.depth)") }
            dict.set(key, pairs[i + 1])
        }
    }

    private mutating func memoize(_ index: Int) throws {
        let value = try top()
        guard memo[index] != nil || memo.count < limits.memo else { throw refused("memo larger than \(limits.memo) entries") }
        memo[index] = value
    }

    private func recall(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw malformed("memo index \(index) was never stored") }
        return value
    }

    // MARK: - Interpreter

    /// Runs opcodes until STOP and returns the value on top of the stack.
    mutating func load() throws -> PickleValue {
        while true {
            let code = try byte()
            switch code {
            case 0x80:  // PROTO
                let proto = try byte()
                guard proto >= 2 && proto <= 5 else { throw refused("pickle protocol \(proto)") }
            case 0x95: _ = try length(8)  // FRAME: a length hint only
            case 0x2E: return try pop()  // STOP
            case 0x28:  // MARK
                guard marks.count < limits.stack else { throw refused("more than \(limits.stack) MARKs") }
                marks.append(stack.count)
            case 0x30:  // POP
                if let mark = marks.last, mark == stack.count { marks.removeLast() } else { _ = try pop() }
            case 0x31: _ = try popToMark()  // POP_MARK
            case 0x32: try push(try top())  // DUP
            case 0x4E: try push(.none)
            case 0x88: try push(.bool(true))
            case 0x89: try push(.bool(false))
            case 0x4A: try push(.int(Int(Int32(bitPattern: UInt32(try unsigned(4))))))  // BININT
            case 0x4B: try push(.int(Int(try byte())))  // BININT1
            case 0x4D: try push(.int(Int(try unsigned(2))))  // BININT2
            case 0x8A: try push(try long(try length(1)))  // LONG1
            case 0x47:  // BINFLOAT, big-endian
                try push(.float(Double(bitPattern: try bytes(8).reduce(0) { $0 << 8 | UInt64($1) })))
            case 0x58: try push(.string(try utf8(try bytes(try length(4)))))  // BINUNICODE
            case 0x8C: try push(.string(try utf8(try bytes(try length(1)))))  // SHORT_BINUNICODE
            case 0x8D: try push(.string(try utf8(try bytes(try length(8)))))  // BINUNICODE8
            case 0x55: try push(.string(latin1(try bytes(try length(1)))))  // SHORT_BINSTRING (Python 2 str)
            case 0x54: try push(.string(latin1(try bytes(try length(4)))))  // BINSTRING
            case 0x43: try push(.bytes(Data(try bytes(try length(1)))))  // SHORT_BINBYTES
            case 0x42: try push(.bytes(Data(try bytes(try length(4)))))  // BINBYTES
            case 0x29: try push(try tuple([]))  // EMPTY_TUPLE
            case 0x74: try push(try tuple(try popToMark()))  // TUPLE
            case 0x85: let a = try pop(); try push(try tuple([a]))  // TUPLE1
            case 0x86: let b = try pop(), a = try pop(); try push(try tuple([a, b]))  // TUPLE2
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); try push(try tuple([a, b, c]))  // TUPLE3
            case 0x5D: try push(.list(PickleList()))  // EMPTY_LIST
            case 0x6C:  // LIST
                let items = try popToMark()
                let list = PickleValue.list(PickleList())
                try append(items, to: list)
                try push(list)
            case 0x61: let v = try pop(); try append([v], to: try top())  // APPEND
            case 0x65: let items = try popToMark(); try append(items, to: try top())  // APPENDS
            case 0x7D: try push(.dict(PickleDict()))  // EMPTY_DICT
            case 0x64:  // DICT
                let items = try popToMark()
                let dict = PickleValue.dict(PickleDict())
                try setItems(items, in: dict)
                try push(dict)
            case 0x73: let v = try pop(), k = try pop(); try setItems([k, v], in: try top())  // SETITEM
            case 0x75: let items = try popToMark(); try setItems(items, in: try top())  // SETITEMS
            case 0x71: try memoize(Int(try byte()))  // BINPUT
            case 0x72: try memoize(Int(try unsigned(4)))  // LONG_BINPUT
            case 0x94: try memoize(memo.count)  // MEMOIZE
            case 0x68: try push(try recall(Int(try byte())))  // BINGET
            case 0x6A: try push(try recall(Int(try unsigned(4))))  // LONG_BINGET
            case 0x63:  // GLOBAL
                let module = try line(), name = try line()
                try push(.global(try global(module, name)))
            case 0x93:  // STACK_GLOBAL
                guard case .string(let name) = try pop(), case .string(let module) = try pop() else {
                    throw malformed("STACK_GLOBAL operands are not strings")
                }
                try push(.global(try global(module, name)))
            case 0x52:  // REDUCE
                let args = try pop(), callable = try pop()
                try push(try call(callable, args))
            case 0x62:  // BUILD
                let state = try pop()
                try build(try top(), state)
            case 0x51:  // BINPERSID
                try push(try persistentLoad(try pop()))
            default:
                throw refused("opcode \(Self.opcodeName(code))")
        }
        }
    }

    /// LONG1 operand: little-endian two's complement; wider than 64 bits is kept as bytes.
    private mutating func long(_ count: Int) throws -> PickleValue {
        let raw = [UInt8](try bytes(count))
        guard count <= 8 else { return .bigInt(raw) }
        guard let last = raw.last else { return .int(0) }
        var value = UInt64(last & 0x80 != 0 ? UInt64.max : 0)
        for b in raw.reversed() { value = value << 8 | UInt64(b) }
        return .int(Int(Int64(bitPattern: value)))
    }

    private func global(_ module: String, _ name: String) throws -> PickleGlobal {
        guard let g = PickleGlobal(module: module, name: name) else {
            throw refused("global '\(module).\(name)' is not allowed")
        }
        return g
    }

    // MARK: - Calls (REDUCE) and BUILD

    private func call(_ callable: PickleValue, _ argsValue: PickleValue) throws -> PickleValue {
        guard case .global(let function) = callable else { throw refused("REDUCE on a \(callable.typeName), which is not callable") }
        guard case .tuple(let args, _) = argsValue else { throw malformed("REDUCE arguments are a \(argsValue.typeName), not a tuple") }
        let name = function.qualifiedName
        switch function {
        case .orderedDict:
            guard args.isEmpty else { throw refused("\(name) called with arguments") }
            return .dict(PickleDict())
        case .rebuildTensorV2:
            // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            guard args.count == 6 || args.count == 7 else { throw malformed("\(name) takes 6 or 7 arguments, got \(args.count)") }
            return .tensor(try tensor(args[0], args[1], args[2], args[3], name))
        case .rebuildTensor:
            guard args.count == 4 else { throw malformed("\(name) takes 4 arguments, got \(args.count)") }
            return .tensor(try tensor(args[0], args[1], args[2], args[3], name))
        case .rebuildParameter, .rebuildParameterWithState:
            // (data, requires_grad, backward_hooks[, state]): the parameter is its data tensor.
            guard args.count == (function == .rebuildParameter ? 3 : 4), case .tensor = args[0] else {
                throw malformed("\(name) arguments are not (tensor, requires_grad, hooks)")
            }
            return args[0]
        case .storageType:
            throw refused("calling \(name)")
        }
    }

    private func build(_ target: PickleValue, _ state: PickleValue) throws {
        // A state_dict's OrderedDict carries `_metadata` (module versions) as instance state; it plays no part in
        // the weights, so it is accepted and dropped.
        switch (target, state) {
        case (.dict, .dict), (.dict, .none), (.tensor, .none): return
        default: throw refused("BUILD of a \(target.typeName) with a \(state.typeName)")
        }
    }

    /// Checks a strided view against its storage: non-negative sizes and strides, and every element in range.
    private func tensor(_ storage: PickleValue, _ offset: PickleValue, _ size: PickleValue, _ stride: PickleValue,
                        _ name: String) throws -> TorchTensorRef
    {
        guard case .storage(let s) = storage else { throw malformed("\(name) got a \(storage.typeName), not a storage") }
        func ints(_ v: PickleValue, _ what: String) throws -> [Int] {
            guard case .tuple(let items, _) = v else { throw malformed("\(name) \(what) is a \(v.typeName), not a tuple") }
            return try items.map {
                guard case .int(let n) = $0, n >= 0 else { throw malformed("\(name) \(what) has a negative or non-integer entry") }
                return n
            }
        }
        guard case .int(let start) = offset, start >= 0 else { throw malformed("\(name) storage offset is not a non-negative int") }
        let dims = try ints(size, "size"), strides = try ints(stride, "stride")
        guard dims.count == strides.count, dims.count <= 8 else {
            throw malformed("\(name) size \(dims) and stride \(strides) do not match (or rank above 8)")
        }
        // Last element index = offset + Σ (size−1)·stride, overflow-checked; must lie inside the storage.
        var last = start, count = 1, overflow = false
        for (d, st) in zip(dims, strides) {
            let (c, o1) = count.multipliedReportingOverflow(by: d)
            count = c
            overflow = overflow || o1
            if d > 0 {
                let (step, o2) = (d - 1).multipliedReportingOverflow(by: st)
                let (l, o3) = last.addingReportingOverflow(step)
                last = l
                overflow = overflow || o2 || o3
            }
        }
        guard !overflow else { throw malformed("\(name) size \(dims) stride \(strides) overflows") }
        guard count == 0 || last < s.count else {
            throw malformed("\(name) view (offset \(start), size \(dims), stride \(strides)) reaches element \(last) of a storage of \(s.count)")
        }
        // Weights never repeat their storage; a view with more elements than it (stride 0, torch's expand) would
        // let a few hundred bytes ask for gigabytes.
        guard count <= s.count else {
            throw malformed("\(name) view of size \(dims) holds \(count) elements but its storage only \(s.count) (an expanded view); refused")
        }
        return TorchTensorRef(storage: s, offset: start, size: dims, stride: strides)
    }

    static func opcodeName(_ code: UInt8) -> String {
        let names: [UInt8: String] = [
            0x69: "INST", 0x6F: "OBJ", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX", 0x50: "PERSID", 0x67: "GET", 0x70: "PUT",
            0x49: "INT", 0x4C: "LONG", 0x53: "STRING", 0x56: "UNICODE", 0x46: "FLOAT", 0x8B: "LONG4",
            0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x8E: "BINBYTES8", 0x8F: "EMPTY_SET", 0x90: "ADDITEMS",
            0x91: "FROZENSET", 0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
        ]
        let hex = "0x" + String(code, radix: 16, uppercase: true)
        return names[code].map { "\($0) (\(hex))" } ?? hex
    }
}
