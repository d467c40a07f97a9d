"""Low-code application forms editors build in Wagtail, and the engine that
turns one into a wizard. Filled in by the content-and-forms issue; nothing
here yet, so it is not an installed app."""
