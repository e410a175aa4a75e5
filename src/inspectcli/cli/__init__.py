"""The command line: thin wiring from arguments to one library call and a formatter."""
