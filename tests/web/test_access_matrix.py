"""Walk every URL of the product as every role (and anonymous) and check allow/deny.

The result table is written to ``docs/access-matrix.md`` when ``BARNEVERN_WRITE_DOCS=1``
(``BARNEVERN_WRITE_DOCS=1 scripts/test tests/web/test_access_matrix.py``).

Outcomes: ``ok`` (2xx, or a redirect that is not to the log-in page), ``nekt`` (403),
``404`` (not found for this user: scoping hides the object), ``innlogging`` (redirect to
log in), ``405`` (method not allowed: POST-only action).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from barnevern.cases import services
from barnevern.casework import services as casework

ROLES = ["anonym", "leder", "sb", "sb2", "okonomi", "kommune", "annen_leder"]

# Areas each role must never see (2xx); namespaces of the URL names.
FORBIDDEN = {
    "okonomi": {"cases", "casework", "quality", "staff", "fosterhjem", "kostra"},
    "kommune": {"cases", "casework", "quality", "economy", "staff", "fosterhjem"},
    "sb": {"economy", "staff"},
    "sb2": {"economy", "staff"},
}
# URL names outside their namespace's rule: the foster-home costs page (no case content) is
# for Leder and Økonomi, not for case workers.
ALLOWED = {"okonomi": {"fosterhjem:costs"}, "kommune": {"economy:settlements", "economy:settlement"}}
ALSO_FORBIDDEN = {"sb": {"fosterhjem:costs"}, "sb2": {"fosterhjem:costs"}, "kommune": {"fosterhjem:costs"}}
LEADER_ONLY = {
    "accounts:break_glass_review",
    "cases:access_log",
    "casework:templates",
    "casework:template_edit",
    "kostra:upload",
    "kostra:groups",
    "cases:assign",
    "cases:history",
    "web:leader",
}
SKIP = {"web:logout", "accounts:logout_everywhere"}  # would end the session mid-walk
STATIC_PARAMS = {"int": "1", "str": "2022", "slug": "nord-osterdal", "path": "x"}


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


@pytest.fixture
def full_case(org, personas, sak):
    today = date(2026, 11, 23)
    melding = sak.meldinger.get()
    und = services.conclude_melding(melding, dato=date(2026, 11, 4), kode="2", versjon=None, today=today)
    vedtak = services.record_vedtak(sak, dato=date(2026, 11, 10), hjemmel="BVL2021:3-1", today=today)
    tiltak = services.record_tiltak(sak, vedtak, dato=date(2026, 11, 11), kategori="4.6", today=today)
    plan = services.add_plan(sak, dato=date(2026, 11, 11), plantype="1", today=today)
    ettervern = services.record_ettervern(sak, tilbud_sendt=date(2026, 11, 12), today=today)
    part = casework.add_party(sak, rolle="mor", navn="Mona Testesen", foreldreansvar=True, today=today)
    entry = casework.add_journal_entry(
        sak, type="samtale_barn", dato=today, tittel="Samtale", tekst="Tekst", today=today
    )
    dok = casework.store_incoming_document(
        sak, content=b"%PDF-1.4\n%%EOF\n", filnavn="a.pdf", tittel="Skann", dato=today, today=today
    )
    return {
        "sak": sak,
        "melding": melding,
        "undersokelse": und,
        "tiltak": tiltak,
        "plan": plan,
        "ettervern": ettervern,
        "part_id": part.pk,
        "kjede": entry.kjede,
        "dok_id": dok.pk,
    }


def _kwargs(name: str, pattern: URLPattern, case: dict) -> dict[str, object] | None:
    kwargs: dict[str, object] = {}
    for key, converter in pattern.pattern.converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        if key == "sak_id":
            kwargs[key] = case["sak"].pk
        elif key in {"part_id", "kjede", "dok_id"}:
            kwargs[key] = case[key]
        elif key == "kode":
            kwargs[key] = "kvittering_melder"
        elif key == "kind":  # cases:correct / cases:annul: a tiltak of the case
            kwargs[key] = "tiltak"
        elif key == "element_id":
            aliases = {"visit": "tiltak", "correct": "tiltak", "annul": "tiltak"}
            wanted = next((aliases[a] for a in aliases if a in name), name)
            element = next(
                (case[k] for k in ("melding", "undersokelse", "tiltak", "plan", "ettervern") if k in wanted),
                None,
            )
            kwargs[key] = element.pk if element else case["sak"].pk
        elif kind == "uuid":
            kwargs[key] = case["sak"].pk
        else:
            kwargs[key] = STATIC_PARAMS.get(kind, "1")
    return kwargs


def _outcome(response) -> str:
    code = response.status_code
    if code in (301, 302):
        return "innlogging" if "/logg-inn/" in response["Location"] else "ok"
    if code == 403:
        return "nekt"
    if code in (404, 405):
        return str(code)
    if code >= 500:
        return f"FEIL {code}"
    return "ok" if code < 300 else str(code)


def test_every_url_as_every_role(client, personas, full_case):
    rows = []
    for name, pattern in sorted(_patterns(get_resolver())):
        if name in SKIP:
            continue
        url = reverse(name, kwargs=_kwargs(name, pattern, full_case))
        row = {"name": name, "url": url}
        for role in ROLES:
            client.logout()
            if role != "anonym":
                client.force_login(personas[role])
            row[role] = _outcome(client.get(url))
        rows.append(row)

    problems = []
    for row in rows:
        namespace = row["name"].split(":")[0]
        # the login page, and the API's description (OpenAPI schema and its docs page: no data)
        public = row["name"] in {"web:login", "api-v1:openapi-json", "api-v1:openapi-view"}
        for role in ROLES:
            outcome = row[role]
            if outcome.startswith("FEIL"):
                problems.append(f"{row['name']} som {role}: {outcome}")
            if role == "anonym" and not public and outcome == "ok":
                problems.append(f"{row['name']} er åpen uten innlogging")
            forbidden = namespace in FORBIDDEN.get(role, set()) and row["name"] not in ALLOWED.get(
                role, set()
            )
            if (forbidden or row["name"] in ALSO_FORBIDDEN.get(role, set())) and outcome == "ok":
                problems.append(f"{row['name']} er åpen for {role}")
            if row["name"] in LEADER_ONLY and role not in ("leder", "annen_leder") and outcome == "ok":
                problems.append(f"{row['name']} er åpen for {role}, men er bare for leder")
            if role == "annen_leder" and str(full_case["sak"].pk) in row["url"] and outcome == "ok":
                problems.append(f"{row['name']}: leder i en annen tjeneste ser saken")
        if row["leder"] == "nekt" and row["name"] not in {"cases:break_glass"}:
            problems.append(f"{row['name']}: leder nektes")

    if os.environ.get("BARNEVERN_WRITE_DOCS") == "1":
        _write_docs(rows)
    assert not problems, "\n".join(problems)
    assert len(rows) >= 20


def _write_docs(rows: list[dict[str, str]]) -> None:
    path = Path(__file__).resolve().parents[2] / "docs" / "access-matrix.md"
    lines = [
        "# Access matrix (generated)",
        "",
        "Generated by `BARNEVERN_WRITE_DOCS=1 scripts/test tests/web/test_access_matrix.py`: every URL",
        "requested with GET as every role. `ok` = shown, `nekt` = 403, `404` = hidden by scoping,",
        "`innlogging` = sent to log in, `405` = POST-only action. `sb` is the case worker assigned to",
        "the test case, `sb2` another case worker, `annen_leder` the leader of another service.",
        "`401` = the integration API (`/api/v1/`), which takes no log-in session, only a token: its",
        "matrix per token scope is in [access-matrix-api.md](access-matrix-api.md).",
        "",
        "| URL name | " + " | ".join(ROLES) + " |",
        "|---|" + "---|" * len(ROLES),
    ]
    lines += [f"| `{r['name']}` | " + " | ".join(r[role] for role in ROLES) + " |" for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
