import Foundation
import Imaging
import TestSupport

extension SyntheticStudy {
    /// Real, decodable images for the real stages: `size`×`size` RGB PNGs, a smooth per-subject pattern plus seeded
    /// per-photo noise, and 512×512 BiSeNet-style label maps (skin 1, brows 2/3, eyes 4/5, nose 10, lips 12, hair 17)
    /// in `<root>/labels/<group>/<stem>_mask.png`.
    func writeRealImages(size: Int) throws {
        let labels = Self.labelMap()
        for group in groups {
            for (s, count) in subjects[group]!.enumerated() {
                let tone = NamedRandom.uniform("\(group)/subject\(s)/tone", count: 6)
                for k in 0..<count {
                    let stem = stems(group)[subjects[group]![..<s].reduce(0, +) + k]
                    let noise = NamedRandom.uniform("\(group)/\(stem)/pixels", count: size * size * 3)
                    var pixels = [UInt8](repeating: 0, count: size * size * 3)
                    for y in 0..<size {
                        for x in 0..<size {
                            for c in 0..<3 {
                                let wave = sin(Float(x) * (0.05 + 0.03 * abs(tone[c])) + Float(y) * 0.04 * tone[c + 3])
                                let v = 128 + 70 * wave + 30 * noise[(y * size + x) * 3 + c]
                                pixels[(y * size + x) * 3 + c] = UInt8(max(0, min(255, v)))
                            }
                        }
                    }
                    try ImageFile.write(
                        Image(width: size, height: size, pixels: pixels), to: "\(images)/\(group)/\(stem).png", format: .png)
                    try ImageFile.write(labels, to: "\(root)/labels/\(group)/\(stem)_mask.png", format: .png)
                }
            }
        }
    }

    /// A cartoon face parsing at 512×512.
    static func labelMap() -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: 512 * 512)
        func fill(_ label: UInt8, x: Range<Int>, y: Range<Int>) {
            for row in y { for col in x { pixels[row * 512 + col] = label } }
        }
        fill(17, x: 96..<416, y: 16..<112)
        fill(1, x: 112..<400, y: 112..<480)
        fill(2, x: 160..<240, y: 176..<196)
        fill(3, x: 272..<352, y: 176..<196)
        fill(4, x: 168..<232, y: 208..<240)
        fill(5, x: 280..<344, y: 208..<240)
        fill(10, x: 232..<280, y: 250..<340)
        fill(12, x: 200..<312, y: 370..<410)
        return GrayImage(width: 512, height: 512, pixels: pixels)
    }
}
