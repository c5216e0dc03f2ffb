"""JupyterHub in front of carenav: each navigator logs in and gets their own apps.

One machine, no outside services:

- Logins: NativeAuthenticator. Navigators sign up at /hub/signup; the administrator
  approves each one at /hub/authorize. Passwords are hashed with bcrypt in the hub's
  own database; a login is blocked for a while after repeated failures.
- Each navigator's server is navigator_server.py (jupyter-server-proxy's standalone
  proxy, made to check websockets too), which admits only that navigator's hub login
  (OAuth with the hub) and proxies to `carenav serve`: carenav's standalone, hardened
  Voila, whose kernels accept only widget messages from the browser. Jupyter Server's `/voila/render` route, which runs code a browser
  sends, is never used, and no notebook, terminal or file browser is served.
- jupyterhub-idle-culler stops a navigator's server after CARENAV_HUB_IDLE_SECONDS
  without traffic (Voila culls idle kernels on its own after 30 minutes).
- The data folder is read, never written; nothing about a client is written anywhere
  (each server's home is an empty folder under the hub's state folder, IPython history
  is off, and carenav writes no files).

Everything machine-specific comes from the environment (see docs/deploy.md):

    CARENAV_HUB_STATE   folder for the hub's database, secrets and navigators' homes (required)
    CARENAV_DATA        the data folder the apps read (default: carenav's bundled data)
    CARENAV_HUB_IP      address to listen on (default 127.0.0.1; put TLS in front for others)
    CARENAV_HUB_PORT    public port (default 8000)
    CARENAV_HUB_API_PORT, CARENAV_HUB_INTERNAL_PORT   the proxy's API and the hub's own port
                        (defaults 8001 and 8081)
    CARENAV_HUB_ADMIN   the administrator's user name (default admin)
    CARENAV_HUB_IDLE_SECONDS   stop a navigator's idle server after this long (default 3600)
    CARENAV_HUB_PUBLIC_HOSTS   the host names browsers use for the hub, comma-separated
                        (e.g. navigators.example.org; loopback names always pass)
    CARENAV_HUB_PAGES_PER_NAVIGATOR   app pages one navigator may have open (default 5)
    CARENAV_CHP         configurable-http-proxy to run (default: the one `make hub-tools`
                        installs, else the one on PATH)

Run it with `jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nativeauthenticator

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (JupyterHub provides it)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent

state = Path(os.environ["CARENAV_HUB_STATE"]).resolve()
homes = state / "homes"
state.mkdir(parents=True, exist_ok=True, mode=0o700)
homes.mkdir(exist_ok=True, mode=0o700)
data = os.environ.get("CARENAV_DATA", "")
public_ip = os.environ.get("CARENAV_HUB_IP", "127.0.0.1")
public_port = int(os.environ.get("CARENAV_HUB_PORT", "8000"))
api_port = int(os.environ.get("CARENAV_HUB_API_PORT", "8001"))
hub_port = int(os.environ.get("CARENAV_HUB_INTERNAL_PORT", "8081"))
admin = os.environ.get("CARENAV_HUB_ADMIN", "admin")
idle_seconds = int(os.environ.get("CARENAV_HUB_IDLE_SECONDS", "3600"))
# The names browsers reach the hub by (carenav serve refuses other Host/Origin headers);
# 127.0.0.1 and localhost are always accepted.
public_hosts = os.environ.get("CARENAV_HUB_PUBLIC_HOSTS", "")
pages_per_navigator = os.environ.get("CARENAV_HUB_PAGES_PER_NAVIGATOR", "5")


def _proxy_command() -> str:
    configured = os.environ.get("CARENAV_CHP")
    if configured:
        return configured
    local = REPO / ".node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy") or "configurable-http-proxy"


# --- the hub, its proxy and its state -------------------------------------------------
c.JupyterHub.ip = public_ip
c.JupyterHub.port = public_port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [_proxy_command()]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every navigator's server
c.JupyterHub.cleanup_proxy = True
# Logging out stops the navigator's server, so every kernel, and whatever was typed about
# a client, leaves memory at once (a server's login cookie alone could outlast it).
c.JupyterHub.shutdown_on_logout = True
c.JupyterHub.admin_access = False  # not even the administrator can open a navigator's apps
c.JupyterHub.allow_named_servers = False
c.JupyterHub.tornado_settings = {
    "headers": {"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}
}

# --- logins: NativeAuthenticator (no outside service) ---------------------------------
c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
c.Authenticator.admin_users = {admin}
# NativeAuthenticator itself refuses anyone the administrator has not approved, so the
# hub's own allow-list (JupyterHub 5 requires one to be chosen) admits every approved user.
c.Authenticator.allow_all = True
c.NativeAuthenticator.enable_signup = True
c.NativeAuthenticator.open_signup = False  # the administrator approves every navigator
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 300
c.NativeAuthenticator.ask_email_on_signup = False

# --- each navigator's server: the hub login in front of `carenav serve` ----------------
# SimpleLocalProcessSpawner runs every server as the hub's own Unix user: right for one
# machine where the login, not the Unix account, is the boundary, and what CI can run.
# On a shared server use SystemdSpawner instead (docs/deploy.md): a throwaway Unix user
# per server, the data folder mounted read-only, memory and CPU limits.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
serve = [str(BIN / "carenav"), "serve", "--port", "{port}", "--base-url", "{base_url}/"]
# carenav serve keeps one preheated kernel waiting for each app (about 60 MB each); on a
# hub that is per navigator, so each navigator's server keeps one for the navigator app
# only (voila/voila.json): the other apps start their kernel when opened.
serve += ["--config", str(HERE / "voila")]
if data:
    serve += ["--data", data]
c.Spawner.cmd = [sys.executable, str(HERE / "navigator_server.py")]
c.Spawner.args = [
    # Report no activity of its own: the hub then sees only real traffic (from the
    # proxy's routes), so the idle culler can stop a server nobody uses.
    "--activity-interval=0",
    "--timeout=180",  # allow `carenav serve` to check the data and start Voila
    "--",
    *serve,
]
c.Spawner.environment = {
    "PYTHONUNBUFFERED": "1",
    # Nothing is written to the navigator's home: no IPython history, and Jupyter's own
    # files (Voila's notebook-signing key, a config marker) go to the hub's state folder.
    "IPYTHONDIR": str(state / "ipython"),
    "JUPYTER_CONFIG_DIR": str(state / "jupyter" / "config"),
    "JUPYTER_DATA_DIR": str(state / "jupyter" / "data"),
    # The validated directory's cache (directory facts only, never a client's) is shared
    # by every navigator's server in the hub's state folder, not written to their homes.
    "CARENAV_CACHE_DIR": str(state / "directory-cache"),
    # carenav serve's request guard: the hub's public names pass its Host/Origin check,
    # and each navigator gets at most this many app pages (kernels) open at once.
    "CARENAV_ALLOWED_HOSTS": public_hosts,
    "CARENAV_MAX_KERNELS": pages_per_navigator,
}
c.Spawner.default_url = "/"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180

# --- stop idle servers ---------------------------------------------------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={idle_seconds}",
            "--cull-every=60",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
