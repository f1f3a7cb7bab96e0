"""Writing files for other programs: CSV for spreadsheets, iCalendar."""
