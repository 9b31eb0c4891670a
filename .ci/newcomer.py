"""CI's newcomer check: the demo that ``scripts/run-demo`` serves answers and a demo user can log in.

Standard library only (it runs with the system ``python3`` beside the server it checks):

1. waits, bounded, until ``/logg-inn/`` answers 200 (the server prints the log-ins first, then
   serves); stops early when the server process has already died;
2. logs in as ``sb.no`` with the demo password, reads the current TOTP code that the demo shows
   on the code page and sends it (CSRF token and cookie as a browser would);
3. fetches the start page and checks that it is the case worker's worklist, logged in.

Exit code 0 when all of this worked; otherwise 1 with a message naming the step.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

USER = "sb.no"
PASSWORD = "demo-barnevern-2026"  # the README's demo password  # noqa: S105


class Failed(Exception):
    pass


class Client:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path_or_url: str, data: dict[str, str] | None = None, referer: str = "") -> tuple[int, str, str]:
        url = path_or_url if path_or_url.startswith("http") else self.base + path_or_url
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body)  # noqa: S310 (http://127.0.0.1 only)
        if referer:
            req.add_header("Referer", referer)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, url, error.read().decode("utf-8", "replace")

    def csrf(self, page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not match:
            raise Failed("fant ikke CSRF-feltet (csrfmiddlewaretoken) i skjemaet")
        return match.group(1)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_for_server(client: Client, timeout: float, pid: int | None) -> float:
    start = time.monotonic()
    last = "ingen svar ennå"
    while time.monotonic() - start < timeout:
        if pid is not None and not pid_alive(pid):
            raise Failed(f"scripts/run-demo (prosess {pid}) stoppet før serveren svarte ({last})")
        try:
            status, _, _ = client.request("/logg-inn/")
            if status == 200:
                return time.monotonic() - start
            last = f"HTTP {status}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = str(getattr(error, "reason", error))
        time.sleep(2)
    raise Failed(f"/logg-inn/ svarte ikke 200 innen {timeout:.0f} s (siste: {last})")


def log_in(client: Client) -> str:
    status, url, page = client.request("/logg-inn/")
    login_url = client.base + "/logg-inn/"
    status, url, page = client.request(
        "/logg-inn/",
        {"csrfmiddlewaretoken": client.csrf(page), "username": USER, "password": PASSWORD},
        referer=login_url,
    )
    if status != 200:
        raise Failed(f"innlogging som {USER}: HTTP {status} fra {url}")
    code = re.search(r"gjeldende kode er (\d{6})", html.unescape(page))
    if not code:
        raise Failed(
            f"etter passordet kom {url} uten demokoden («gjeldende kode er …»); feil passord eller ingen kodeside"
        )
    status, url, page = client.request(
        url, {"csrfmiddlewaretoken": client.csrf(page), "token": code.group(1)}, referer=url
    )
    if status != 200:
        raise Failed(f"tofaktorkoden: HTTP {status} fra {url}")
    if "gjeldende kode er" in page:
        raise Failed("tofaktorkoden ble ikke godtatt (kodesiden vises igjen)")
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--pid", type=int, help="scripts/run-demo's process: stop waiting if it dies")
    args = parser.parse_args(argv)
    client = Client(args.base)
    step = "vente på at demoen svarer"
    try:
        waited = wait_for_server(client, args.timeout, args.pid)
        print(f"newcomer: /logg-inn/ svarte 200 etter {waited:.0f} s")
        step = f"logge inn som {USER} med passord og demokode"
        landed = log_in(client)
        step = "hente startsiden"
        status, url, page = client.request("/")
        if status != 200:
            raise Failed(f"startsiden: HTTP {status} fra {url}")
        if "/frister/" not in url:
            raise Failed(f"startsiden for en saksbehandler skal være arbeidslisten (/frister/), kom til {url}")
        if 'action="/logg-ut/"' not in page:
            raise Failed(f"startsiden {url} viser ikke at brukeren er logget inn (ingen utloggingsknapp)")
    except Failed as error:
        print(f"FEIL i newcomer-sjekken, steget «{step}»: {error}", file=sys.stderr)
        return 1
    print(f"newcomer: logget inn som {USER} (via {landed}), startsiden {url} svarte 200")
    return 0


if __name__ == "__main__":
    sys.exit(main())
