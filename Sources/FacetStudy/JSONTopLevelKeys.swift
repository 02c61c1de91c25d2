import Foundation

/// The keys of a JSON object's top level in file order, repeats included: `JSONSerialization` keeps the last of
/// two equal keys without a word, so a config that sets `"images"` twice would silently use one of them.
enum JSONTopLevelKeys {
    /// `data` must already parse as a JSON object.
    static func keys(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        var keys: [String] = []
        var depth = 0
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                var next = i + 1
                while next < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                // A string at depth 1 followed by ':' is a key; decoding the token resolves its escapes.
                if depth == 1, next < bytes.count, bytes[next] == UInt8(ascii: ":"),
                    let key = try? JSONDecoder().decode(String.self, from: Data(bytes[start...min(i, bytes.count - 1)]))
                {
                    keys.append(key)
                }
            default: break
            }
            i += 1
        }
        return keys
    }
}
