"""Qt widgets, item models and dialogs. Views read and write through
`desktop_app.models` functions and never build SQL themselves."""
