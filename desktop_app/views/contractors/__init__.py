"""The Contractors tab: the bench, pipeline, comparison (step 2)."""
