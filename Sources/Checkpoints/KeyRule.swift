/// One named step of a checkpoint-key renaming: `rewrite` returns the new key, or nil when the rule does not apply.
/// Importers keep their renamings as ordered lists of these, tried first-match-wins, so each mapping reads as a
/// table and a key no rule recognizes is reported instead of guessed.
public struct KeyRule: Sendable {
    public let name: String
    public let rewrite: @Sendable (String) -> String?

    public init(_ name: String, rewrite: @escaping @Sendable (String) -> String?) {
        self.name = name
        self.rewrite = rewrite
    }

    /// `<stem><old>` → `<stem><new>`.
    public static func suffix(_ old: String, _ new: String) -> KeyRule {
        KeyRule("suffix \(old) → \(new)") { key in
            key.hasSuffix(old) && key.count > old.count ? String(key.dropLast(old.count)) + new : nil
        }
    }

    /// `<old>` → `<new>` when the key starts with `old`; an empty `new` drops the prefix.
    public static func prefix(_ old: String, _ new: String) -> KeyRule {
        KeyRule("prefix \(old) → \(new)") { key in
            key.hasPrefix(old) ? new + String(key.dropFirst(old.count)) : nil
        }
    }

    /// Applies the first rule of `rules` that recognizes `key`.
    public static func firstMatch(_ rules: [KeyRule], _ key: String) -> String? {
        for rule in rules {
            if let renamed = rule.rewrite(key) { return renamed }
        }
        return nil
    }
}
