"""ipywidgets components and the apps built from them (the only layer that imports widgets)."""
