import Foundation

/// Locates committed fixtures: `Tests/<Target>/Fixtures/<name>`, found from the calling test file's path.
public enum Fixtures {
    public static func path(_ name: String, testFile: String = #filePath) -> String {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}
