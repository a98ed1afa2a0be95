"""A bare HTTP device for the HQ tests: requests with the protocol header, gzip bodies, and journal-like changes."""

from __future__ import annotations

import gzip
import json
import time

import requests

from fieldapp.clock import HybridLogicalClock
from fieldapp.ids import uuid7
from sync import protocol

HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), "Accept-Encoding": "gzip"}


def body_of(response: requests.Response) -> dict:
    """requests inflates gzip answers itself; the JSON."""
    return response.json()


class Device:
    """An enrolled device talking to a real HQ: its token, its clock, its journal sequence."""

    def __init__(self, hq, association_id: str, code: str, session: requests.Session | None = None) -> None:
        self.hq = hq
        self.code = code
        enrolled = hq.enroll(association_id, code)
        self.token = enrolled["token"]
        self.id = enrolled["device_id"]
        self.association_id = enrolled["association_id"]
        self.clock = HybridLogicalClock(code)
        self.seq = 0
        self.session = session or requests.Session()

    def headers(self, **extra) -> dict:
        return {**HEADERS, "Authorization": f"Bearer {self.token}", **extra}

    def get(self, path: str, **params) -> requests.Response:
        return self.session.get(self.hq.url + path, headers=self.headers(), params=params, timeout=60)

    def post(self, path: str, body: object, gzip_body: bool = True) -> requests.Response:
        if gzip_body:
            data = protocol.encode(body)
            headers = self.headers(**{"Content-Encoding": "gzip", "Content-Type": "application/json"})
        else:
            data = json.dumps(body).encode()
            headers = self.headers(**{"Content-Type": "application/json"})
        return self.session.post(self.hq.url + path, data=data, headers=headers, timeout=60)

    def hello(self) -> dict:
        response = self.get(protocol.HELLO)
        assert response.status_code == 200, response.text
        return response.json()

    # --- changes, as the journal would make them ------------------------------------------------------------------
    def insert(self, table: str, fields: dict, record_id: str | None = None, stamp: str | None = None) -> dict:
        """An insert as a laptop makes it: the fields given, and a plausible value for each required one not given."""
        record_id = record_id or uuid7()
        full = {**required_defaults(table, record_id, self.code), **fields}
        return {"t": table, "i": record_id, "h": stamp or self.clock.now(), "o": "i", "f": full}

    def update(self, table: str, record_id: str, fields: dict, prev: dict, stamp: str | None = None) -> dict:
        h = stamp or self.clock.now()
        return {"t": table, "i": record_id, "h": h, "o": "u", "f": fields, "p": prev}

    def batch(self, changes: list[dict]) -> dict:
        """The next journal batch: seq numbers follow on from the last one made."""
        first = self.seq + 1
        self.seq += len(changes)
        return {"from": first, "to": self.seq, "changes": changes}

    def push(self, changes: list[dict]) -> requests.Response:
        return self.post(protocol.PUSH, self.batch(changes))

    def pull_all(self, after: int = 0, limit: int = protocol.PULL_PAGE) -> tuple[list[dict], int]:
        changes = []
        while True:
            response = self.get(protocol.PULL, after=after, limit=limit)
            assert response.status_code == 200, response.text
            page = response.json()
            changes += page["changes"]
            after = page["next"]
            if not page["more"]:
                return changes, after


def required_defaults(table: str, record_id: str, device_code: str) -> dict:
    """Values for the fields a laptop always fills (fieldapp.record_shapes), references excepted."""
    today = time.strftime("%Y-%m-%d")
    now = f"{today}T09:00:00+00:00"
    return {
        "households": {"head_name": "Family", "province_code": "06.304", "commune_code": "06.304.14.6", "size": 4},
        "members": {"name": "Member"},
        "volunteers": {"name": "Volunteer"},
        "events": {"name": "Event", "starts_on": today, "ends_on": today},
        "event_items": {"code": "KIT", "label": "Kit", "quantity": 1},
        "distributions": {"receipt": f"{device_code}-{record_id[-12:]}", "items": [], "served_at": now},
        "distribution_voids": {"reason": "error", "voided_at": now},
        "attendance": {"check_in": now},
    }.get(table, {})


def household(name: str = "Fatima Zahra", **extra) -> dict:
    return {"head_name": name, "head_name_ar": "فاطمة الزهراء", "size": 4, "commune_code": "06.304.14.6", **extra}


def raw_gzip(body: object) -> bytes:
    return gzip.compress(json.dumps(body).encode())


def ms() -> int:
    return time.time_ns() // 1_000_000
