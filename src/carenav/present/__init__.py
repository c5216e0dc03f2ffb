"""Presenters: one per result, the words a navigator or client reads, as text and as HTML."""
