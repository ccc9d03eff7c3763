"""Payments: claims confirmed by the receiving side or a provider, disputes and the mediation queue.

The blueprint lives in app.payments.routes, so that importing the light claims module from other
domains does not pull in the pages (and, through them, every domain).
"""
