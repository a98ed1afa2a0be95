"""Sync with HQ: the page, enrolment, background sync, the status-bar indicator, what sync found."""
