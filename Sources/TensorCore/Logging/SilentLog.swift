/// A log that drops every message: for programs that read results from return values.
public struct SilentLog: PipelineLog {
    public init() {}
    public func info(_ text: String) {}
    public func notice(_ text: String) {}
    public func warning(_ text: String) {}
    public func error(_ text: String) {}
    public func progress(_ label: String, finished: Int, total: Int) {}
    public func endProgress() {}
}
