"""Files the navigator saves through the browser, made only on a click: nothing is written on the server.

The file travels as a `data:` link inside the page; the page clicks it once so one click
of the app's button saves the file, and the link stays for a browser that blocks that.
"""

from __future__ import annotations

import base64

from carenav.ui.html import escape

# Clicks the link just before it, once (the page's policy allows inline handlers;
# a `data:` image that cannot be decoded fires `onerror` as soon as it is inserted).
_CLICK_ONCE = '<img alt="" src="data:," style="display:none" onerror="this.previousElementSibling.click();this.remove()">'


def download_html(content: str, filename: str, text: str, mime: str, *, click: bool = True) -> str:
    """A link that saves `content` as `filename` in the browser (clicked at once when `click`)."""
    encoded = base64.b64encode(content.encode("utf-8")).decode("ascii")
    link = (
        f'<a class="carenav-download" download="{escape(filename)}" '
        f'href="data:{escape(mime)};charset=utf-8;base64,{encoded}">{escape(text)}</a>'
    )
    return link + (_CLICK_ONCE if click else "")
