import Foundation
import Imaging
import TestSupport
import Testing

/// `Fixtures/manifest.json`, written by `Tools/make_image_fixtures.py` (OpenCV, SciPy and Pillow outputs).
struct FixtureManifest: Decodable {
    struct PNGInfo: Decodable {
        let shape: [Int]
        let fnv1a64: String
    }
    struct Params: Decodable, Sendable {
        let op: String
        let width: Int?
        let height: Int?
        let kernel: Int?
        let iterations: Int?
        let sigma: Double?
        let size: Int?
        let labels: [UInt8]?
    }
    struct OpCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let source: String
        let params: Params
        let expected: String
        var testDescription: String { name }
    }
    struct RecipeCase: Decodable, Sendable, CustomTestStringConvertible {
        let part: String
        let image: String
        let labels: String
        let expected: String
        var testDescription: String { "\(part) on \(image)" }
    }
    struct CorpusEntry: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let expect: String
        let note: String
        let pillow: String?
        let pillow_upright: String?
        let opencv: String?
        var testDescription: String { file }
    }
    struct JPEGEncode: Decodable {
        let source: String
        let opencv: String
    }

    let version: Int
    let pngs: [String: PNGInfo]
    let ops: [OpCase]
    let recipes: [RecipeCase]
    let corpus: [CorpusEntry]
    let gaussian_sigma5_weights: [String]
    let jpeg_encode: JPEGEncode

    static let shared: FixtureManifest = {
        let url = URL(fileURLWithPath: Fixtures.path("manifest.json"))
        // A missing or unreadable manifest is a broken checkout; fail loudly with the hint.
        guard let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode(Self.self, from: data)
        else { fatalError("cannot read \(url.path); rerun python3 Tools/make_image_fixtures.py") }
        return manifest
    }()

    static func path(_ relative: String) -> String { Fixtures.path(relative) }

    static func rgb(_ relative: String) throws -> Image { try ImageFile.read(path(relative)) }
    static func gray(_ relative: String) throws -> GrayImage { try ImageFile.readGray(path(relative)) }
    static func isGray(_ relative: String) -> Bool { shared.pngs[relative]?.shape.count == 2 }
}

/// FNV-1a 64 of raw bytes (the manifest's PNG checksum).
func fnv1a64(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// How many values differ, and the largest difference (for messages).
func difference(_ a: [UInt8], _ b: [UInt8]) -> (count: Int, max: Int) {
    precondition(a.count == b.count)
    var count = 0, largest = 0
    for i in 0..<a.count where a[i] != b[i] {
        count += 1
        largest = max(largest, abs(Int(a[i]) - Int(b[i])))
    }
    return (count, largest)
}
