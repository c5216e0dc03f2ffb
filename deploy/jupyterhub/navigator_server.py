"""A navigator's server behind JupyterHub: the hub login in front of `carenav serve`.

This is jupyter-server-proxy's standalone proxy (the JupyterHub project's own way to put
a web app that knows nothing of JupyterHub behind a hub login), with one addition: it
refuses a websocket from anyone who is not this server's navigator.

Why the addition: the stock standalone proxy (jupyter-server-proxy 4.6) checks the hub
login on plain requests only. A websocket upgrade skips the check, so anyone who knew
a kernel's id (it is in the app page) could open that navigator's kernel channel, with
or without a login; jhsingle-native-proxy 0.8.3 has the same gap. tests/hub fails
without this class: another navigator's page opened the kernel websocket.

Usage (what deploy/jupyterhub/jupyterhub_config.py runs for each navigator):

    python navigator_server.py --activity-interval=0 --timeout=120 -- \\
        carenav serve --port {port} --base-url {base_url}/
"""

from __future__ import annotations

from typing import Any

from jupyter_server_proxy.standalone.app import StandaloneProxyServer
from tornado import web


def _wants_websocket(handler: web.RequestHandler) -> bool:
    return handler.request.headers.get("Upgrade", "").lower() == "websocket"


class NavigatorServer(StandaloneProxyServer):  # type: ignore[misc]
    """The standalone proxy, with the hub login required on websockets too."""

    def get_proxy_base_class(self) -> tuple[type | None, dict[str, Any]]:
        base, kwargs = super().get_proxy_base_class()
        if base is None:
            return base, kwargs

        class LoginRequired(base):  # type: ignore[misc, valid-type]
            async def prepare(self, *args: Any, **kwargs: Any) -> None:
                # Plain requests meet `web.authenticated` in the proxy (a redirect to the
                # hub's login); a websocket is an API call, so it gets a plain 403.
                # `current_user` asks the hub and admits only this server's navigator.
                if _wants_websocket(self) and not self.current_user:
                    raise web.HTTPError(403)

        return LoginRequired, kwargs


if __name__ == "__main__":
    NavigatorServer.launch_instance()
