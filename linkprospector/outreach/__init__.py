"""Outreach: workbook and CSV sheets, statuses, spreadsheet safety, text reports."""
