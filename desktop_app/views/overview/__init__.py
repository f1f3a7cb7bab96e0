"""The Overview tab: what needs the owner's attention, across every step."""
