"""Reporting pages; one module per part of the flow."""
