"""Feedback: rating scales, classification, agent credit, the Smile Box, fair draws and the prize hat.

``process_pending(store, settings)`` (in ``process``) is the entry point the import pipeline calls; the
other modules hold one concern each and are usable on their own.
"""
