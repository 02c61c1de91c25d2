@testable import FacetCLI
import FacetPipeline
import Foundation
import Testing
import TensorCore
import TestSupport

@Suite struct BatchTests {
    let temporary: TemporaryFolder
    let root: String

    init() throws {
        temporary = try TemporaryFolder()
        root = temporary.path
        try FileManager.default.createDirectory(atPath: root + "/imgs", withIntermediateDirectories: true)
        for name in ["b.JPG", "a.png", "c.txt", ".hidden.jpg"] {
            _ = FileManager.default.createFile(atPath: "\(root)/imgs/\(name)", contents: Data([1]))
        }
    }

    @Test func folderInputIsSortedFilteredAndFlat() throws {
        let items = try InputList.load(root + "/imgs", extensions: InputList.imageExtensions)
        #expect(items.map(\.fileName) == ["a.png", "b.JPG"])
        #expect(items.allSatisfy { $0.subfolder.isEmpty })
        #expect(items[1].stem == "b")
        #expect(items[1].output(in: "/out", named: "b.npy") == "/out/b.npy")
    }

    @Test func listInputIsSortedAndUsesParentFolders() throws {
        try "  /data/CM/2_1.JPG\n\n/data/CF/1_1.JPG  \n".write(toFile: root + "/list.txt", atomically: true, encoding: .utf8)
        let items = try InputList.load(root + "/list.txt", extensions: [])
        #expect(items.map(\.path) == ["/data/CF/1_1.JPG", "/data/CM/2_1.JPG"])
        #expect(items.map(\.subfolder) == ["CF", "CM"])
        #expect(items[0].output(in: "/out", named: "1_1.npy") == "/out/CF/1_1.npy")
    }

    /// Found by the `text` fuzz target: a one-character line ("0") trapped in NSString's
    /// `deletingLastPathComponent` on Linux instead of giving a path with no parent folder.
    @Test func oneCharacterListLineHasNoParentFolder() throws {
        let items = try InputList.load(Fixtures.path("fuzz/list_one_character_line.txt"), extensions: [])
        #expect(items.map(\.path) == [
            "0", "423383,1,1/1/80,1/1/00,W,F,0,20,0,0,\"Album2/423383_01F31ct.JPG\"",
            "id_num,pinum,piid_num,picture_num,dob,doa,race,gender,facial_hair,age,age_diff,glasses,photo",
        ])
        #expect(items.map(\.subfolder) == ["", "00,W,F,0,20,0,0,\"Album2", ""])
        #expect(items[0].output(in: "/out", named: "0.npy") == "/out/0.npy")
    }

    @Test func missingSourceIsAMissingInputError() {
        #expect(throws: FacetError.self) { try InputList.load(root + "/nope", extensions: []) }
        do { _ = try InputList.load(root + "/nope", extensions: []) } catch let e as FacetError {
            #expect(e.kind.exitStatus == 66)
            #expect(e.message.contains("/nope"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func runnerKeepsGoingAndCountsEachOutcome() throws {
        let items = (0..<40).map { BatchItem(path: "/in/\($0).jpg", subfolder: "") }
        let summary = try BatchRunner.run("test", items: items, workers: 3,
            makeWorker: { 0 },
            process: { count, item in
                count += 1
                let n = Int(item.stem)!
                if n % 10 == 3 { throw FacetError(.badData, "\(item.path): corrupt") }
                return n % 2 == 0 ? .done : .skipped
            })
        #expect(summary.done == 20)
        #expect(summary.skipped == 16)
        #expect(summary.failed == ["/in/13.jpg", "/in/23.jpg", "/in/3.jpg", "/in/33.jpg"])
        #expect(throws: Error.self) { try summary.finish(log: ConsoleLog(quiet: true)) }
    }
}
