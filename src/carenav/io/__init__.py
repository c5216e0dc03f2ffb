"""Importers and exporters at the edge: case files today (JSON, checked against the model and the data)."""
