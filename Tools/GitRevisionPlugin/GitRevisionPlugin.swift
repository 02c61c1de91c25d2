import Foundation
import PackagePlugin

/// Records the git commit the sources were built from (`SourceRevision.commit`), so `facet --version` and a
/// study's run.json say exactly which code made a result. A build command whose inputs are git's record of HEAD
/// and every source file of the package, so it reruns after a commit, a checkout or an edit; it rewrites its
/// file only when the revision changes, so an unchanged checkout recompiles nothing.
@main
struct GitRevisionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "SourceRevision.swift")
        let sources = context.package.targets.compactMap { $0 as? SourceModuleTarget }.flatMap { $0.sourceFiles.map(\.url) }
        let manifests = ["Package.swift", "README.md"].map { root.appending(path: $0) }
        return [
            .buildCommand(
                displayName: "Recording the git revision",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", Self.script, "git-revision", root.path, output.path],
                inputFiles: Self.gitState(root) + manifests + sources,
                outputFiles: [output])
        ]
    }

    /// The files git changes when HEAD moves or the index changes (`.git` may be a file naming the real folder,
    /// as in a worktree); none outside a checkout.
    static func gitState(_ root: URL) -> [URL] {
        var git = root.appending(path: ".git")
        if let link = try? String(contentsOf: git, encoding: .utf8), link.hasPrefix("gitdir: ") {
            let path = link.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            git = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appending(path: path)
        }
        return ["HEAD", "index", "logs/HEAD"].map { git.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// `$1` the package folder, `$2` the file to write. Outside a git checkout (a source archive, no git) the
    /// commit is nil; uncommitted changes to tracked files append `-dirty`.
    static let script = #"""
        set -u
        commit=$(git -C "$1" rev-parse HEAD 2>/dev/null) || commit=""
        if [ -n "$commit" ] && ! git -C "$1" diff --quiet HEAD -- 2>/dev/null; then commit="$commit-dirty"; fi
        if [ -n "$commit" ]; then value="\"$commit\""; else value="nil"; fi
        new="$2.new"
        printf '%s\n' \
            '/// Written by Tools/GitRevisionPlugin at build time.' \
            'public enum SourceRevision {' \
            '    /// The git commit the sources were built from (`-dirty` with uncommitted changes); nil outside a checkout.' \
            "    public static let commit: String? = $value" \
            '}' > "$new"
        if cmp -s "$new" "$2"; then rm -f "$new"; else mv "$new" "$2"; fi
        """#
}
