"""Volunteers and their check-in roster."""
