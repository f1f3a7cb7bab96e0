"""PDF documents (ReportLab Platypus): briefs, reviews, comparisons.

Import this package only where a PDF is made: ReportLab is not loaded at
start-up.
"""
