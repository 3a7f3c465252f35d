"""Reads of the reporting app: dashboards and status (dashboard), reports (reports)."""
