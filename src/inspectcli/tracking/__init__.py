"""The lifecycle of a finding: dated updates, extensions and the follow-up revisit (回头看),
written into the findings file in round-trip mode (Heyuan §4, §6; Hainan §3.3, §5.3)."""
