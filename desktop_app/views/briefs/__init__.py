"""The Briefs tab: the brief editor, expectation ordering, printing (step 3)."""
