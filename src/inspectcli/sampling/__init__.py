"""Verifiable sampling (method v1): frame, strata and quotas, hash tickets, rotation.

Every step is a pure function of the seed, the canonical frame, the specification and
the set of excluded units, so anyone can re-derive a draw (see README, "Sampling method
v1").
"""
