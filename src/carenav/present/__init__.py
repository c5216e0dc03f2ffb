"""Presenters: one per result, the words a navigator or client reads, as text and as HTML.

One module per result: ``ledger`` (a cost estimate), ``matches`` (the program finder),
``placement`` (a recommended level), ``readiness`` (a step-up / step-down verdict) and
``handout`` (the client's handout). Each takes an engine's result and returns strings,
text for the CLI and notebooks and HTML for the apps; nothing here imports widgets.
"""
