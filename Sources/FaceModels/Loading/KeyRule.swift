/// One named step of a checkpoint-key renaming: `rewrite` returns the new key, or nil when the rule does not apply.
/// The MXNet import keeps its renaming as ordered lists of these, tried first-match-wins, so the renaming reads as a
/// table and a key no rule recognizes is reported instead of guessed.
struct KeyRule: Sendable {
    let name: String
    let rewrite: @Sendable (String) -> String?

    init(_ name: String, rewrite: @escaping @Sendable (String) -> String?) {
        self.name = name
        self.rewrite = rewrite
    }

    /// `<stem><old>` → `<stem><new>`.
    static func suffix(_ old: String, _ new: String) -> KeyRule {
        KeyRule("suffix \(old) → \(new)") { key in
            key.hasSuffix(old) && key.count > old.count ? String(key.dropLast(old.count)) + new : nil
        }
    }

    /// `<old>` → `<new>` when the key starts with `old`; an empty `new` drops the prefix.
    static func prefix(_ old: String, _ new: String) -> KeyRule {
        KeyRule("prefix \(old) → \(new)") { key in
            key.hasPrefix(old) ? new + String(key.dropFirst(old.count)) : nil
        }
    }

    /// Applies the first rule of `rules` that recognizes `key`.
    static func firstMatch(_ rules: [KeyRule], _ key: String) -> String? {
        for rule in rules {
            if let renamed = rule.rewrite(key) { return renamed }
        }
        return nil
    }
}
