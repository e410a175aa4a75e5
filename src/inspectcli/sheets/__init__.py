"""Spreadsheets in and out: problem lists typed by a group, the rectification ledger."""
