import ArgumentParser
import FacetPipeline
import FacetStudy

// Library enums used as option values directly, so the CLI keeps no copies of them.
extension BlurOutputFormat: ExpressibleByArgument {}
extension ExperimentStep.Stage: ExpressibleByArgument {}
