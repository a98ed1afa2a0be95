"""HQ's web pages for platform and association staff: server-rendered HTML (Jinja2), readable with JavaScript off."""
