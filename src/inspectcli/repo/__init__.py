"""Finding, reading and writing the files of a case repository."""
