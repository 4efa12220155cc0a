"""Contact compliance: the policy as data, and the engine that judges a proposed contact."""
