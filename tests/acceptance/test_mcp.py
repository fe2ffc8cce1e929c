"""The official Python MCP client (PyPI `mcp`) against Paperboy's MCP server, over both transports.

stdio: `paperboy mcp --database DB` spawned by the client, on a database filled by `paperboy import` with two days of
the Hugging Face dump. Streamable HTTP: `POST /mcp` on the conftest's real `paperboy serve` (the whole dump).
Every check compares with the data file or with the site's own answers (`/papers/{id}.md`, `/api/daily_papers`).
"""
import asyncio
import gzip
import json
import os
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters

from conftest import REPO

TOOLS = {"search_papers", "get_paper", "daily_papers", "similar_papers"}
BINARY = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))


def collapse(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def two_days(hf_entries):
    """Two days of the dump with a plain-titled paper on each: the stdio database's whole content."""
    days = {}
    for e in hf_entries:
        days.setdefault(e["daily_date"], []).append(e)
    plain = re.compile(r"^[A-Za-z][A-Za-z ,:-]{20,90}$")
    chosen = [d for d in sorted(days) if len(days[d]) >= 3 and any(plain.match(collapse(e["paper"]["title"])) for e in days[d])]
    return {d: days[d] for d in chosen[:2]}


@pytest.fixture(scope="module")
def stdio_db(two_days, tmp_path_factory):
    work = tmp_path_factory.mktemp("mcp-stdio")
    source = work / "two-days.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as f:
        for entries in two_days.values():
            for e in entries:
                f.write(json.dumps(e) + "\n")
    db = work / "db.sqlite"
    subprocess.run([BINARY, "import", "--database", str(db), str(source)], check=True, capture_output=True, timeout=300)
    return db


def plain_paper(entries):
    plain = re.compile(r"^[A-Za-z][A-Za-z ,:-]{20,90}$")
    return next(e["paper"] for e in entries if plain.match(collapse(e["paper"]["title"])))


def text_of(result):
    assert result.content, result
    return result.content[0].text


async def exercise(client, day, entries, expected_markdown=None):
    """Every tool and the resource template through `client`; `entries` are the day's dump entries."""
    tools = await client.list_tools()
    assert {t.name for t in tools.tools} == TOOLS
    schema = next(t for t in tools.tools if t.name == "search_papers").input_schema
    assert schema["required"] == ["query"]

    paper = plain_paper(entries)
    pid, title = paper["id"], collapse(paper["title"])

    # get_paper: the site's Markdown page.
    page = await client.call_tool("get_paper", {"id": pid})
    assert not page.is_error
    markdown = text_of(page)
    assert markdown.startswith(f"# {title}\n")
    assert "## Abstract" in markdown
    first_author = next(a["name"] for a in paper["authors"] if not a.get("hidden"))
    assert first_author in markdown
    if expected_markdown is not None:
        assert markdown == expected_markdown(pid)

    # search_papers: the title as a phrase finds the paper first, with its details.
    found = await client.call_tool("search_papers", {"query": f'"{title}"', "limit": 5, "mode": "lexical"})
    assert not found.is_error
    hits = found.structured_content["results"]
    assert hits[0]["id"] == pid
    assert hits[0]["title"] == title
    assert first_author in hits[0]["authors"]
    assert hits[0]["url"].endswith(f"/papers/{pid}") or hits[0]["url"] == f"https://arxiv.org/abs/{pid}"
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", hits[0]["date"])
    assert json.loads(text_of(found))["results"][0]["id"] == pid

    # daily_papers: the day's list, most upvoted first.
    listed = await client.call_tool("daily_papers", {"date": day, "limit": 100})
    assert not listed.is_error
    papers = listed.structured_content["papers"]
    assert listed.structured_content["period"] == day
    ids = [p["id"] for p in papers]
    assert set(ids) == {e["paper"]["id"] for e in entries}
    votes = [p["upvotes"] for p in papers]
    assert votes == sorted(votes, reverse=True)
    assert all(p["featuredOn"] == day for p in papers)

    # similar_papers: other papers, never the paper itself.
    similar = await client.call_tool("similar_papers", {"id": pid, "limit": 3})
    assert not similar.is_error
    others = [p["id"] for p in similar.structured_content["results"]]
    assert others and pid not in others

    # Bad arguments are tool errors with a message, not crashes; the session goes on.
    bad = await client.call_tool("get_paper", {"id": "not a paper"})
    assert bad.is_error and "is not a paper id" in text_of(bad)
    unknown = await client.call_tool("get_paper", {"id": "2501.99999"})
    assert unknown.is_error and "not on this site" in text_of(unknown)
    two = await client.call_tool("daily_papers", {"date": day, "month": day[:7]})
    assert two.is_error and "at most one" in text_of(two)
    limit = await client.call_tool("search_papers", {"query": "x", "limit": 1000})
    assert limit.is_error and "'limit'" in text_of(limit)

    # paper://{id}: the template, and the same Markdown as get_paper.
    templates = await client.list_resource_templates()
    assert [t.uri_template for t in templates.resource_templates] == ["paper://{id}"]
    read = await client.read_resource(f"paper://{pid}")
    assert read.contents[0].text == markdown
    resources = await client.list_resources()
    assert all(str(r.uri).startswith("paper://") for r in resources.resources)


def test_stdio(stdio_db, two_days):
    day = sorted(two_days)[-1]
    params = StdioServerParameters(command=BINARY, args=["mcp", "--database", str(stdio_db)])

    async def run():
        async with Client(params) as client:
            await exercise(client, day, two_days[day])
            # resources/list names the newest day's papers.
            resources = await client.list_resources()
            assert {str(r.uri) for r in resources.resources} == {f"paper://{e['paper']['id']}" for e in two_days[day]}

    asyncio.run(run())


def test_streamable_http(server, hf_entries):
    days = {}
    for e in hf_entries:
        days.setdefault(e["daily_date"], []).append(e)
    plain = re.compile(r"^[A-Za-z][A-Za-z ,:-]{20,90}$")
    day = next(d for d in sorted(days, reverse=True)
               if len(days[d]) >= 3 and any(plain.match(collapse(e["paper"]["title"])) for e in days[d]))

    def site_markdown(pid):
        with urllib.request.urlopen(f"{server}/papers/{pid}.md", timeout=10) as r:
            return r.read().decode()

    async def run():
        async with Client(f"{server}/mcp") as client:
            await exercise(client, day, days[day], expected_markdown=site_markdown)

    asyncio.run(run())


def test_http_refuses_what_it_must(server):
    """GET has no stream (405, Allow: POST); a cross-site browser Origin is refused; no CSRF token is needed."""
    req = urllib.request.Request(f"{server}/mcp", headers={"Accept": "text/event-stream"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 405 and e.value.headers["Allow"] == "POST"
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    with urllib.request.urlopen(urllib.request.Request(f"{server}/mcp", data=body, headers=headers), timeout=10) as r:
        assert {t["name"] for t in json.load(r)["result"]["tools"]} == TOOLS
    cross = urllib.request.Request(f"{server}/mcp", data=body, headers={**headers, "Origin": "https://evil.example"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(cross, timeout=10)
    assert e.value.code == 403
