"""Writes of the reporting app, one module per part of the flow.

periods — generating and editing reporting periods;
obligations — who owes a report on which task;
reports — agency reports: drafting, approval, submission, review;
reminders — đôn đốc and explanation requests;
consolidated — the coordinator's consolidated report;
feedback — difficulties and proposals from anyone.
"""
