/// A Python list built by the unpickler (EMPTY_LIST, APPEND, APPENDS).
final class PickleList {
    private(set) var items: [PickleValue] = []
    private(set) var depth = 1
    /// Set once the list is inside another container; appending to it then is refused (see `PickleValue.freeze`).
    var isFrozen = false

    func append(_ value: PickleValue) {
        value.freeze()
        depth = max(depth, value.depth + 1)
        items.append(value)
    }
}
