import FacetCLI

CommandRunner.main()
