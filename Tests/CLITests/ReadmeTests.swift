import Foundation
import Testing
import TestSupport

/// Every `facet` command in README.md, run in order as a new user would, in one scratch folder laid out as the
/// README assumes: per-group image folders `morph/<G>/`, the same photos in `all_photos/` with a MORPH-II metadata
/// CSV, a `study.json`, a `face.jpg`, and stand-in weights under the README's file names (seeded weights with the
/// real key trees, saved as safetensors: Facet detects a weight file's format by its content, and the real formats
/// are checked by the importer tests). Each command must exit 0, so the README cannot drift from the tool.
@Suite(.serialized) struct ReadmeTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    /// Commands that need more than this machine's tests have: a Slurm cluster to submit to (the live test,
    /// `Tools/slurm/live_test.sh`, runs a study through `--submit --wait`).
    static func needsCluster(_ command: String) -> Bool { command.contains(" --submit") }

    /// The README's commands in order: each line of a `sh` block that runs `.build/release/facet` (the part from
    /// there on, when chained after `&&`) or the `UsingFacetFromSwift` example, with `\` continuations joined and
    /// trailing comments dropped.
    static func commands(_ text: String) -> [String] {
        var commands = [String]()
        var inBlock = false
        var pending = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock = line == "```sh"
                continue
            }
            guard inBlock else { continue }
            var current = pending + line.trimmingCharacters(in: .whitespaces)
            if current.hasSuffix("\\") {
                current.removeLast()
                pending = current
                continue
            }
            pending = ""
            if let hash = current.range(of: "  #") ?? current.range(of: " # ") { current = String(current[..<hash.lowerBound]) }
            let starts = [".build/release/facet ", "swift run -c release UsingFacetFromSwift "]
            guard let start = starts.compactMap({ current.range(of: $0) }).first else { continue }
            commands.append(String(current[start.lowerBound...]).trimmingCharacters(in: .whitespaces))
        }
        return commands
    }

    /// Splits a command line into words, honouring double quotes (all the README uses).
    static func words(_ command: String) -> [String] {
        var words = [String]()
        var word = ""
        var quoted = false
        var inWord = false
        for c in command {
            if c == "\"" { quoted.toggle(); inWord = true } else if c == " " && !quoted {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// The scratch folder the README's commands run in.
    static func writeWorld(in root: String) throws {
        let study = SyntheticStudy(root: root, subjects: ["CM": [2, 2, 1], "CF": [2, 1]], parts: [])
        try study.writeRealImages(size: 112)
        try FileManager.default.moveItem(atPath: study.images, toPath: root + "/morph")
        var csv = "id_num,picture_num,dob,doa,race,gender,facial_hair,age,age_diff,glasses,photo\n"
        try FileManager.default.createDirectory(atPath: root + "/all_photos", withIntermediateDirectories: true)
        for group in study.groups {
            for stem in study.stems(group) {
                try FileManager.default.copyItem(atPath: "\(root)/morph/\(group)/\(stem).png", toPath: "\(root)/all_photos/\(stem).png")
                csv += "\(stem.prefix(6)),0,,,W,\(group == "CF" ? "F" : "M"),0,20,0,0,Album2/\(stem).JPG\n"
            }
        }
        try study.write(Data(csv.utf8), root + "/morph_2008_nonCommercial.csv")
        try study.write(Data(#"{"images": "morph", "output": "study_from_config", "parts": ["nose"]}"#.utf8), root + "/study.json")
        try FileManager.default.copyItem(atPath: Fixtures.path("blur") + "/images/face.JPG", toPath: root + "/face.jpg")
        try FileManager.default.createDirectory(atPath: root + "/Weights/model-r100-ii", withIntermediateDirectories: true)
        try SyntheticWeightFiles.writeBiSeNet(to: root + "/Weights/79999_iter.pth")
        try SyntheticWeightFiles.writeTinyIResNet(to: root + "/Weights/model-r100-ii/model-0000.params")
    }

    @Test func everyReadmeCommandRunsInOrder() throws {
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let all = Self.commands(text)
        // Every mention of a command is one the parser found: none is missed by a change in the README's form.
        let mentions = [".build/release/facet ", "swift run -c release UsingFacetFromSwift "].map {
            text.components(separatedBy: $0).count - 1
        }.reduce(0, +)
        #expect(all.count == mentions, "parsed \(all.count) of the \(mentions) commands in README.md")
        let skipped = all.filter(Self.needsCluster)
        #expect(skipped.count == 1, "only the --submit example needs a cluster: \(skipped)")
        let commands = all.filter { !Self.needsCluster($0) }
        let folder = try TemporaryFolder()
        try Self.writeWorld(in: folder.path)
        for command in commands {
            var words = Self.words(command)
            let product = words[0] == "swift" ? "UsingFacetFromSwift" : "facet"
            words.removeFirst(product == "facet" ? 1 : 5)
            let run = try FacetProcess.run(words, product: product, workingDirectory: folder.path)
            #expect(run.status == 0, "\(command)\nexit \(run.status)\n\(run.stderr)")
            if run.status != 0 { return }
        }
        for output in ["study/report.html", "study/results.csv", "study_by_csv/report.html", "study_from_config/report.html",
                       "plots/blurred_eyes.png", "plots/CM_det.png", "Weights/arcface.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: folder.file(output)), "\(output) was not written")
        }
    }
}
