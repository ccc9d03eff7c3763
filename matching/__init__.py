"""Patent open-licence matching: hybrid lexical, dense and IPC-structured ranking with reasons.

This package imports neither ``flask`` nor ``app``; the web app talks to it through the
frozen dataclasses in :mod:`matching.types`.
"""
