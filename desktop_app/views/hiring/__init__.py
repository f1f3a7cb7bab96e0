"""Hiring well: the brief's job post, screening, paid trials, messages, referrals."""
