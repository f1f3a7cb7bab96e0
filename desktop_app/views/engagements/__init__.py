"""The Engagements tab: check-ins, feedback, confidence (step 4)."""
