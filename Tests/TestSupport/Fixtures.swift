import Foundation

/// Locates committed fixtures: `Tests/<Target>/Fixtures/<name>`, found from the calling test file's path.
public enum Fixtures {
    public static func path(_ name: String, testFile: String = #filePath) -> String {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    /// A fixture of the Checkpoints tests (`Tests/CheckpointsTests/Fixtures/<name>`): the weight files there are also
    /// what the FaceModels import tests read.
    public static func checkpoints(_ name: String, testFile: String = #filePath) -> String {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CheckpointsTests/Fixtures/\(name)").path
    }
}
