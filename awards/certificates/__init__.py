"""Certificates (Bằng khen, Giấy khen, titles) as PDF: the layout, the wording, printing onto blanks, the QR code."""

from .render import render_pdf, render_test_print

__all__ = ["render_pdf", "render_test_print"]
