"""The window's frame: start-up, main window, page base, context, background tasks, change bus, languages."""
