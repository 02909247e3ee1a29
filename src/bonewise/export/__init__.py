"""Printable documents (reportlab). No Qt here."""
