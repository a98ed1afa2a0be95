"""A signed-in browser without the browser, for HQ's web pages: real HTTP to a real HQ, cookies kept, CSRF read from
the page like a browser submits it.

    web = WebClient(hq.url)
    web.sign_in("admin", "a-long-password")      # the sign-in form, as a person fills it
    page = web.get("/freshness")                 # requests.Response (redirects followed)
    web.post("/logout")                          # the page's CSRF token added
"""

from __future__ import annotations

import re

import requests

_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


class WebClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.csrf = ""

    def _remember(self, response: requests.Response) -> requests.Response:
        found = _CSRF.search(response.text or "")
        if found:
            self.csrf = found.group(1)
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self._remember(self.session.get(self.base_url + path, timeout=30, **kwargs))

    def post(self, path: str, data: dict | None = None, csrf: bool = True, **kwargs) -> requests.Response:
        body = {**({"csrf": self.csrf} if csrf else {}), **(data or {})}
        return self._remember(self.session.post(self.base_url + path, data=body, timeout=30, **kwargs))

    def sign_in(self, name: str, password: str, next_path: str = "/") -> requests.Response:
        self.get("/login?" + requests.compat.urlencode({"next": next_path}))
        return self.post("/login", {"name": name, "password": password, "next": next_path})
