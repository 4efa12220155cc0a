"""The business rules, once: money, schedules, restructuring, authority, compliance, scripts.

Pure Python: no I/O, no Qt, no SQLAlchemy, no HTTP. Everything here is deterministic and
takes the current time as an argument when it needs one.
"""
