import Foundation
import TensorCore
import TestSupport

/// A tiny MORPH-like study on disk: per-group image folders with subjects of uneven photo counts, and the closed-form
/// pair counts a correct matcher must produce from them.
struct SyntheticStudy {
    let root: String
    /// Group → photos per subject.
    let subjects: [String: [Int]]
    let parts: [String]

    var groups: [String] { subjects.keys.sorted() }
    var images: String { root + "/images" }
    var output: String { root + "/out" }

    /// `<subject>_<picture><sex><age>`, the MORPH file name pattern.
    func stems(_ group: String) -> [String] {
        let base = group == "CF" ? 200_000 : 100_000
        return subjects[group]!.enumerated().flatMap { s, count in
            (0..<count).map { k in String(format: "%06d_%02d%@%d", base + s, k, group == "CF" ? "F" : "M", 20 + k) }
        }
    }

    func imageCount(_ group: String) -> Int { subjects[group]!.reduce(0, +) }
    /// Σ n_s(n_s − 1)/2: each same-subject pair once.
    func genuinePairs(_ group: String) -> Int { subjects[group]!.reduce(0) { $0 + $1 * ($1 - 1) / 2 } }
    /// N(N − 1)/2 − genuine.
    func impostorPairs(_ group: String) -> Int { imageCount(group) * (imageCount(group) - 1) / 2 - genuinePairs(group) }
    /// Blurred × original, same source photo excluded: Σ n_s² − N genuine.
    func crossGenuinePairs(_ group: String) -> Int { subjects[group]!.reduce(0) { $0 + $1 * $1 } - imageCount(group) }
    /// N² − Σ n_s² impostor.
    func crossImpostorPairs(_ group: String) -> Int {
        imageCount(group) * imageCount(group) - subjects[group]!.reduce(0) { $0 + $1 * $1 }
    }

    func file(_ path: String) -> String { root + "/" + path }

    func write(_ data: Data, _ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Writes 8×8 placeholder images (the stages that would read them are given finished outputs) and a
    /// placeholder ArcFace weight file.
    func writeImages() throws {
        for group in groups {
            for stem in stems(group) { try write(Data("image \(stem)".utf8), "\(images)/\(group)/\(stem).png") }
        }
        try write(Data("arcface weights".utf8), file("arcface.safetensors"))
    }

    /// The same images in one folder, plus a MORPH-II style metadata CSV that places them (CM = White male,
    /// CF = White female) and one extra image the metadata does not know.
    func writeFlatImagesAndMetadata() throws {
        var csv = "id_num,picture_num,dob,doa,race,gender,facial_hair,age,age_diff,glasses,photo\n"
        for group in groups {
            for stem in stems(group) {
                try write(Data("image \(stem)".utf8), "\(root)/flat/\(stem).png")
                let subject = stem.prefix(6)
                csv += "\(subject),0,,,W,\(group == "CF" ? "F" : "M"),0,20,0,0,Album2/\(stem).JPG\n"
            }
        }
        try write(Data("image".utf8), "\(root)/flat/999999_00M30.png")
        try write(Data(csv.utf8), file("morph.csv"))
        try write(Data("arcface weights".utf8), file("arcface.safetensors"))
    }

    /// What parse, blur and extract would have produced: label maps, blurred images and unit-norm embeddings where
    /// each subject has a seeded centre, each photo seeded noise, and blurring adds more noise.
    func writeStageOutputs() throws {
        for group in groups {
            for (s, count) in subjects[group]!.enumerated() {
                let centre = NamedRandom.uniform("\(group)/subject\(s)", count: 512)
                for k in 0..<count {
                    let stem = stems(group)[subjects[group]![..<s].reduce(0, +) + k]
                    try write(Data("labels".utf8), "\(root)/labels/\(group)/\(stem)_mask.png")
                    let photo = NamedRandom.uniform("\(group)/\(stem)", count: 512)
                    try writeFeature(zip(centre, photo).map { $0 + 0.8 * $1 }, "\(output)/features/\(group)/original/\(stem).npy")
                    for part in parts {
                        try write(Data("blurred".utf8), "\(output)/blurred/\(group)/blurred_\(part)/\(stem).png")
                        let blur = NamedRandom.uniform("\(group)/\(stem)/\(part)", count: 512)
                        try writeFeature(
                            zip(zip(centre, photo), blur).map { $0.0 + 0.8 * $0.1 + 0.9 * $1 },
                            "\(output)/features/\(group)/blurred_\(part)/\(stem).npy")
                    }
                }
            }
        }
    }

    private func writeFeature(_ v: [Float], _ path: String) throws {
        let norm = sqrt(v.reduce(0) { $0 + $1 * $1 })
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try NPY.write(floats: v.map { $0 / norm }, shape: [512], to: path)
    }
}
