"""Printed sign-off sheets and lists."""
