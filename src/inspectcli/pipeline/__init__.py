"""Validation pipeline: scan, one-file stage, cache, cross-file rules, changed-since, and the
loaded repository the other commands work on. Above the file readers (``repo``) and the
rules (``checks``); below the commands."""
