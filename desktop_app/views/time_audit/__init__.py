"""The Time audit tab: tasks, time entries, charts, imports (step 1)."""
