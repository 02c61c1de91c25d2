/// A Python dict (or `collections.OrderedDict`) built by the unpickler, keeping insertion order as Python does.
/// Keys are limited to str and int, all a state_dict uses, so lookups stay O(1) on hostile input.
final class PickleDict {
    enum Key: Hashable {
        case string(String)
        case int(Int)
    }

    private(set) var entries: [(key: Key, value: PickleValue)] = []
    private var index: [Key: Int] = [:]
    private(set) var depth = 1
    var isFrozen = false

    /// Sets `key` to `value`; an existing key keeps its position, as in Python.
    func set(_ key: Key, _ value: PickleValue) {
        value.freeze()
        depth = max(depth, value.depth + 1)
        if let i = index[key] {
            entries[i].value = value
        } else {
            index[key] = entries.count
            entries.append((key, value))
        }
    }

    subscript(key: Key) -> PickleValue? { index[key].map { entries[$0].value } }
}
