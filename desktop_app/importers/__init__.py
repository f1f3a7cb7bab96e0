"""Reading files other programs wrote: time-tracker exports, contractor
spreadsheets, vCards. Each format has a module; all read text through
`importers.text_files` so encodings are handled in one place."""
