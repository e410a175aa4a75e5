"""Formatters: small pure functions from results to text."""
