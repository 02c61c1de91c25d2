import Foundation
import TensorCore

/// A face region to occlude: a name (also the output folder suffix, `blurred_<name>`) and the BiSeNet labels
/// (`79999_iter.pth` classes 0…18) it covers.
public struct FacePart: Sendable, Hashable {
    public let name: String
    public let labels: Set<UInt8>

    public init(name: String, labels: Set<UInt8>) {
        self.name = name
        self.labels = labels
    }

    /// The seven parts of the reference study (SEED `create_mask.py`), in its processing order.
    public static let reference: [FacePart] = [
        FacePart(name: "eyes", labels: [4, 5]),
        FacePart(name: "eyeswbrows", labels: [2, 3, 4, 5, 6]),  // 6 = eyeglasses
        FacePart(name: "brows", labels: [2, 3]),
        FacePart(name: "nose", labels: [10]),
        FacePart(name: "mouthwlips", labels: [11, 12, 13]),
        FacePart(name: "hair", labels: [17]),  // hat (18) not included
        FacePart(name: "skin", labels: [1]),
    ]

    /// Parses one `--parts` entry: a reference name (`nose`) or a user-defined set `name=label,label,…`
    /// (e.g. `ears=7,8,9`). Labels must be 0…18.
    public static func parse(_ text: String) throws -> FacePart {
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw FacetError(.unsupported, "part '\(text)': the name before '=' must be letters, digits, _ or -")
            }
            var labels = Set<UInt8>()
            for item in text[text.index(after: equals)...].split(separator: ",") {
                guard let label = UInt8(item.trimmingCharacters(in: .whitespaces)), label <= 18 else {
                    throw FacetError(.unsupported, "part '\(text)': '\(item)' is not a label 0...18")
                }
                labels.insert(label)
            }
            guard !labels.isEmpty else { throw FacetError(.unsupported, "part '\(text)': no labels after '='") }
            return FacePart(name: name, labels: labels)
        }
        guard let part = reference.first(where: { $0.name == text }) else {
            let names = reference.map(\.name).joined(separator: ", ")
            throw FacetError(.unsupported, "unknown part '\(text)' (known: \(names); or define one as name=labels)")
        }
        return part
    }

    /// The binary mask of this part: 255 where the label map holds one of `labels`, else 0.
    public func mask(of labelMap: GrayImage) -> GrayImage {
        var lookup = [UInt8](repeating: 0, count: 256)
        for label in labels { lookup[Int(label)] = 255 }
        var mask = [UInt8](repeating: 0, count: labelMap.pixels.count)
        labelMap.pixels.withUnsafeBufferPointer { labels in
            for i in 0..<labels.count { mask[i] = lookup[Int(labels[i])] }
        }
        return GrayImage(width: labelMap.width, height: labelMap.height, pixels: mask)
    }
}
