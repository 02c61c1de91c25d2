extension String {
    /// The text cut to a readable length for an error message: names in a hostile header or pickle can be
    /// megabytes long.
    public func clippedForMessage(limit: Int = 300) -> String {
        count <= limit ? self : prefix(limit) + "… (\(count) characters)"
    }
}
