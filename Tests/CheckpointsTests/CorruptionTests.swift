import Foundation
import Testing
import TensorCore
import TestSupport
@testable import Checkpoints

/// Damaged copies of real files (bytes overwritten, files cut short) must load or fail with a FacetError;
/// never crash, hang or throw anything else. Positions and values are seeded, so failures reproduce.
@Suite struct CorruptionTests {
    static let files = [
        "bisenet_like.pth", "bisenet_like.legacy.pth", "protocol4.legacy.pth", "views.legacy.pth",
        "bisenet_like.expected.safetensors",
    ]

    static func load(_ data: Data, _ file: String) throws {
        if file.hasSuffix(".safetensors") {
            let (tensors, _) = try SafeTensors.parse(data, name: file)
            for t in tensors where t.dtype.isFloatConvertible { _ = try t.floats(source: file) }
        } else {
            _ = try TorchCheckpoint.load(data, source: file)
        }
    }

    static func expectLoadsOrFailsCleanly(_ data: Data, _ file: String, _ what: String) {
        do { try load(data, file) } catch is FacetError {} catch { Issue.record("\(file) \(what): \(error)") }
    }

    @Test(arguments: files)
    func overwrittenBytes(file: String) throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("pth/\(file)")))
        let r = NamedRandom.uniform("corrupt \(file)", count: 3 * 400)
        for i in 0..<400 {
            var data = original
            // 1 to 3 bytes replaced at one position; values biased to 0x00/0xFF, the likeliest to break lengths.
            let position = Int((r[3 * i] + 1) / 2 * Float(data.count - 3))
            let width = 1 + Int((r[3 * i + 1] + 1) * 1.49)
            let byte = UInt8(clamping: Int((r[3 * i + 2] + 1) / 2 * 300) - 22)
            data.replaceSubrange(position..<position + width, with: [UInt8](repeating: byte, count: width))
            Self.expectLoadsOrFailsCleanly(data, file, "with \(width) byte(s) at \(position) set to \(byte)")
        }
    }

    @Test(arguments: files)
    func truncated(file: String) throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("pth/\(file)")))
        for length in stride(from: 0, to: original.count, by: max(1, original.count / 200)) {
            do {
                try Self.load(original.prefix(length), file)
                Issue.record("\(file) cut to \(length) bytes loaded without error")
            } catch is FacetError {} catch { Issue.record("\(file) cut to \(length): \(error)") }
        }
    }
}
