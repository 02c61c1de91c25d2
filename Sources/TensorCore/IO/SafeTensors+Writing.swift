import Foundation

extension SafeTensors {
    /// Writes tensors and metadata to `path` atomically (temp file, then rename), streaming each tensor's bytes.
    public static func write(_ tensors: [SafeTensorsEntry], metadata: [String: String] = [:], to path: String) throws {
        let (header, ordered) = try layout(tensors, metadata: metadata, name: path)
        try AtomicFile.write(to: path) { handle in
            try handle.write(contentsOf: header)
            for t in ordered { try handle.write(contentsOf: t.data) }
        }
    }

    /// The whole file in memory (see `layout`).
    public static func encode(_ tensors: [SafeTensorsEntry], metadata: [String: String] = [:], name: String) throws -> Data {
        let (header, ordered) = try layout(tensors, metadata: metadata, name: name)
        return ordered.reduce(into: header) { $0.append($1.data) }
    }

    /// The length prefix and header, and the tensors in data order, laid out as the reference writer does:
    /// tensors sorted by descending dtype order then by name (bytewise), `__metadata__` first in the header (its
    /// keys sorted, for deterministic output), compact JSON padded with spaces to a multiple of 8 so every
    /// tensor's data is 8-byte aligned.
    static func layout(_ tensors: [SafeTensorsEntry], metadata: [String: String], name: String) throws
        -> (header: Data, ordered: [SafeTensorsEntry])
    {
        var seen = Set<String>()
        for t in tensors where !seen.insert(t.name).inserted || t.name == metadataKey {
            throw FacetError(.badData, "\(name): tensor name '\(t.name)' is duplicated or reserved")
        }
        let ordered = tensors.sorted { a, b in
            a.dtype.rank != b.dtype.rank ? a.dtype.rank > b.dtype.rank : a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                .map { jsonString($0) + ":" + jsonString(metadata[$0]!) }
            entries.append(jsonString(metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for t in ordered {
            let shape = t.shape.map(String.init).joined(separator: ",")
            entries.append(jsonString(t.name) + ":{\"dtype\":\"\(t.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + t.data.count)]}")
            offset += t.data.count
        }
        var json = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        json.append(contentsOf: repeatElement(0x20, count: (8 - json.count % 8) % 8))
        var header = Data(capacity: 8 + json.count)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { header.append(contentsOf: $0) }
        header.append(contentsOf: json)
        return (header, ordered)
    }

    /// JSON string literal as serde_json writes it: `"` and `\` escaped, control characters as short escapes
    /// or `\u00XX`, everything else verbatim UTF-8.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
