"""Files shipped with Offload: icons, fonts, brief templates (see desktop_app.assets)."""
