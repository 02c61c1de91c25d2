import Foundation
import PackagePlugin

/// Records the git commit the sources were built from (`SourceRevision.commit`), so `facet --version` and a
/// study's run.json say exactly which code made a result. A prebuild command, so it runs on every build; it
/// rewrites its file only when the revision changes, so an unchanged checkout recompiles nothing.
@main
struct GitRevisionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        return [
            .prebuildCommand(
                displayName: "Recording the git revision of \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", Self.script, "git-revision", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }

    /// `$1` the package folder, `$2` the output folder. Outside a git checkout (a source archive, no git) the
    /// commit is nil; uncommitted changes to tracked files append `-dirty`.
    static let script = #"""
        set -u
        mkdir -p "$2"
        commit=$(git -C "$1" rev-parse HEAD 2>/dev/null) || commit=""
        if [ -n "$commit" ] && ! git -C "$1" diff --quiet HEAD -- 2>/dev/null; then commit="$commit-dirty"; fi
        if [ -n "$commit" ]; then value="\"$commit\""; else value="nil"; fi
        new="$2/SourceRevision.swift.new"
        printf '%s\n' \
            '/// Written by Tools/GitRevisionPlugin at build time.' \
            'public enum SourceRevision {' \
            '    /// The git commit the sources were built from (`-dirty` with uncommitted changes); nil outside a checkout.' \
            "    public static let commit: String? = $value" \
            '}' > "$new"
        if cmp -s "$new" "$2/SourceRevision.swift"; then rm -f "$new"; else mv "$new" "$2/SourceRevision.swift"; fi
        """#
}
