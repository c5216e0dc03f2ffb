"""The handout's stylesheet: readable on screen, and on paper only the handout, on US Letter."""

from __future__ import annotations

# On paper every part of the page that neither holds nor is inside the handout is
# removed (display: none, so it takes no space and adds no blank pages): the app's
# inputs, buttons and notices stay on screen only.
STYLE = """
.carenav-handout { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #000;
  font-size: 11pt; line-height: 1.35; max-width: 46em; }
.carenav-handout h1 { font-size: 17pt; margin: 0 0 2pt; }
.carenav-handout h2 { font-size: 13pt; margin: 8pt 0 2pt; border-bottom: 1px solid #444; }
.carenav-handout h3 { font-size: 11.5pt; margin: 6pt 0 1pt; }
.carenav-handout p, .carenav-handout ul, .carenav-handout ol { margin: 2pt 0; }
.carenav-handout ul, .carenav-handout ol { padding-left: 1.4em; }
.carenav-handout-crisis { border: 2px solid #000; padding: 3pt 6pt; margin: 4pt 0; }
.carenav-handout-program { border-left: 3px solid #555; padding-left: 6pt; margin: 5pt 0; }
.carenav-handout-assumption, .carenav-handout-data { font-size: 9.5pt; }
@page { size: letter; margin: 0.5in 0.6in; }
@media print {
  body :not(:has(.carenav-handout)):not(.carenav-handout):not(.carenav-handout *) {
    display: none !important; }
  body, body :has(.carenav-handout) { margin: 0 !important; padding: 0 !important;
    border: 0 !important; box-shadow: none !important; overflow: visible !important;
    height: auto !important; min-height: 0 !important; max-width: none !important;
    width: auto !important; position: static !important; contain: none !important;
    display: block !important; transform: none !important; }
  .carenav-handout { font-size: 10pt; max-width: none; }
  .carenav-handout-program { break-inside: avoid; }
  .carenav-handout h2, .carenav-handout h3 { break-after: avoid; }
}
"""
