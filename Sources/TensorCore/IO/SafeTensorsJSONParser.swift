/// A strict RFC 8259 JSON parser for safetensors headers.
///
/// Written by hand rather than with `JSONSerialization` because the header's rules need what that API hides: key
/// order (tensor order), duplicate keys (which it silently merges), and exact integers. Nesting is capped so a
/// hostile header cannot exhaust the stack; everything else is bounded by the header's own size.
struct SafeTensorsJSONParser {
    /// Deeper than any valid header needs (3 levels), far below what could overflow the stack.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed). Throws a message without the file name.
    static func parse(_ bytes: [UInt8]) throws(SafeTensorsJSONParser.Failure) -> SafeTensorsJSON {
        var parser = SafeTensorsJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.fail("unexpected text after the JSON value") }
        return value
    }

    struct Failure: Error {
        let message: String
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ what: String) -> Failure { Failure(message: "\(what) at header byte \(position)") }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard position < bytes.count, bytes[position] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> SafeTensorsJSON {
        guard depth < Self.maxDepth else { throw fail("JSON nested deeper than \(Self.maxDepth) levels") }
        guard position < bytes.count else { throw fail("unexpected end of JSON") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("invalid JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> SafeTensorsJSON {
        position += 1
        var members: [(key: String, value: SafeTensorsJSON)] = []
        var seen = Set<String>()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try parseString()
            guard seen.insert(key).inserted else { throw fail("duplicate key '\(key)'") }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unterminated object") }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> SafeTensorsJSON {
        position += 1
        var elements: [SafeTensorsJSON] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unterminated array") }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func parseLiteral(_ word: String) throws(Failure) {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<position + w.count]) == w else {
            throw fail("invalid JSON literal")
        }
        position += w.count
    }

    /// Number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func parseNumber() throws(Failure) -> SafeTensorsJSON {
        let start = position
        func digits(_ p: inout Int, _ b: [UInt8]) -> Int {
            let s = p
            while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }
            return p - s
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 else { throw fail("invalid number") }
        if bytes[position] == 0x30 { position += 1 } else { _ = digits(&position, bytes) }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&position, bytes) > 0 else { throw fail("invalid number") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits(&position, bytes) > 0 else { throw fail("invalid number") }
        }
        // Plain digits only (no sign, fraction or exponent), accumulated with overflow checks.
        var value = 0
        for b in bytes[start..<position] {
            guard b >= 0x30, b <= 0x39 else { return .otherNumber }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(b - 0x30))
            guard !o1, !o2 else { return .otherNumber }
            value = sum
        }
        return .integer(value)
    }

    /// A string with its escapes decoded. The caller has checked that the whole header is valid UTF-8.
    private mutating func parseString() throws(Failure) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw fail("unterminated string") }
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw fail("unterminated string") }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try parseUnicodeEscape())
                default: throw fail("invalid escape in string")
                }
            case 0x00..<0x20:
                throw fail("control character in string")
            default:
                out.append(b)
            }
        }
    }

    /// `\uXXXX` (already past the `u`), joining a surrogate pair; lone surrogates are refused.
    private mutating func parseUnicodeEscape() throws(Failure) -> [UInt8] {
        let high = try hex4()
        var scalarValue = high
        if (0xD800..<0xDC00).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw fail("lone surrogate in \\u escape")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate in \\u escape") }
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(high) {
            throw fail("lone surrogate in \\u escape")
        }
        return Array(String(Character(Unicode.Scalar(scalarValue)!)).utf8)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for b in bytes[position..<position + 4] {
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | digit
        }
        position += 4
        return v
    }
}
