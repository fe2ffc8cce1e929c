"""huggingface_hub 2.4.0's own client against a running Paperboy loaded with the HF daily-papers dump.

Expectations come from the data file itself: ids in list order, titles, author names, upvotes.
"""
import datetime as dt
from collections import defaultdict

import shutil

import pytest
from huggingface_hub import HfApi

from conftest import HF_DAILY
from test_cluster import Cluster, new_database, paperboy, pg_server, unavailable  # noqa: F401 (pg_server: a fixture)


@pytest.fixture(scope="module")
def balanced(pg_server, tmp_path_factory):
    """The whole HF dump in a PostgreSQL database served by two instances behind HAProxy (deploy/haproxy.cfg)."""
    if shutil.which("haproxy") is None:
        unavailable("haproxy is not installed: run scripts/setup.sh")
    db = new_database(pg_server)
    paperboy("import", "--database", db, str(HF_DAILY))
    c = Cluster(db, tmp_path_factory.mktemp("hf-cluster"))
    try:
        c.lb = c.balance(c.serve("a"), c.serve("b", "--no-digests"))
        yield c.lb
    finally:
        c.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres-haproxy"])
def api(request):
    """Every check runs twice: against one `serve` on SQLite, and through HAProxy to two instances on PostgreSQL."""
    if request.param == "sqlite":
        return HfApi(endpoint=request.getfixturevalue("server"), token=False)
    return HfApi(endpoint=request.getfixturevalue("balanced"), token=False)


@pytest.fixture(scope="module")
def by_day(hf_entries):
    days = defaultdict(list)
    for e in hf_entries:
        days[e["daily_date"]].append(e)
    for entries in days.values():
        entries.sort(key=lambda e: e["rank_in_day"])
    return days


@pytest.fixture(scope="module")
def latest_snapshot(hf_entries):
    """A paper listed twice keeps its newest snapshot (its upvotes from the later day)."""
    latest = {}
    for e in sorted(hf_entries, key=lambda e: e["daily_date"]):
        latest[e["paper"]["id"]] = e
    return latest


def check_entry(info, entry, latest_snapshot, title_key="entry"):
    paper = entry["paper"]
    assert info.id == paper["id"]
    assert info.title == (entry["title"] if title_key == "entry" else paper["title"])
    assert [a.name for a in info.authors] == [a["name"] for a in paper["authors"]]
    expected_upvotes = latest_snapshot[paper["id"]]["paper"]["upvotes"]
    assert (info.upvotes or 0) == expected_upvotes
    assert info.summary == paper["summary"]


@pytest.mark.parametrize("day", ["2024-05-27", "2025-06-03", "2026-08-21"])
def test_list_daily_papers_by_date(api, by_day, latest_snapshot, day):
    expected = by_day[day]
    got = list(api.list_daily_papers(date=day, limit=100))
    assert [p.id for p in got] == [e["paper"]["id"] for e in expected]
    for info, entry in zip(got, expected):
        check_entry(info, entry, latest_snapshot)
    assert got[0].submitted_by is None or got[0].submitted_by.username


def entries_in(by_day, first, last):
    out = []
    for day in sorted(by_day, reverse=True):
        if first <= day <= last:
            out.extend(by_day[day])
    return out


def test_list_daily_papers_by_week(api, by_day, latest_snapshot):
    week = "2025-W23"
    monday = dt.date.fromisocalendar(2025, 23, 1)
    expected = entries_in(by_day, monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    got = list(api.list_daily_papers(week=week, limit=100))
    assert len(expected) > 0
    assert [p.id for p in got] == [e["paper"]["id"] for e in expected][:100]
    for info, entry in zip(got, expected):
        check_entry(info, entry, latest_snapshot)


def test_list_daily_papers_by_month_pages_through(api, by_day, latest_snapshot):
    expected = entries_in(by_day, "2025-02-01", "2025-02-28")
    got = []
    page = 0
    while True:
        chunk = list(api.list_daily_papers(month="2025-02", limit=100, p=page))
        got.extend(chunk)
        if len(chunk) < 100:
            break
        page += 1
    assert len(got) == len(expected) > 100
    assert [p.id for p in got] == [e["paper"]["id"] for e in expected]
    for info, entry in zip(got, expected):
        check_entry(info, entry, latest_snapshot)


def test_paper_info(api, latest_snapshot):
    entry = latest_snapshot["2405.15738"]
    info = api.paper_info("2405.15738")
    check_entry(info, entry, latest_snapshot, title_key="paper")
    assert info.published_at is not None
    with pytest.raises(Exception) as err:
        api.paper_info("2405.99999")
    assert "404" in str(err.value)


def test_paper_info_with_ai_fields(api, latest_snapshot):
    entry = next(e for e in latest_snapshot.values() if e["paper"].get("ai_summary") and e["paper"].get("githubRepo"))
    info = api.paper_info(entry["paper"]["id"])
    assert info.ai_summary == entry["paper"]["ai_summary"]
    assert info.ai_keywords == entry["paper"]["ai_keywords"]
    assert info.github_repo == entry["paper"]["githubRepo"]


def test_read_paper(api, latest_snapshot):
    entry = latest_snapshot["2405.15738"]
    text = api.read_paper("2405.15738")
    assert text.startswith("# " + " ".join(entry["paper"]["title"].split()))
    assert "Chunjiang Ge" in text
    assert "## Abstract" in text


def test_bad_parameters_are_400(api):
    with pytest.raises(Exception) as err:
        list(api.list_daily_papers(date="2025-13-40"))
    assert "400" in str(err.value) or "Bad request" in str(err.value)
    assert "2025-13-40" in str(err.value)


def test_list_papers_search(api, latest_snapshot):
    got = list(api.list_papers(query="sparse attention", limit=20))
    assert len(got) == 20
    for info in got:
        paper = latest_snapshot[info.id]["paper"]
        assert info.title == paper["title"]
        text = (paper["title"] + " " + paper["summary"]).lower()
        assert "sparse" in text or "sparsity" in text or "attention" in text
    # The best hits are about sparse attention itself.
    top_titles = " ".join(p.title.lower() for p in got[:5])
    assert top_titles.count("sparse") >= 3


def test_search_sparse_finds_sparsity_first(api, latest_snapshot):
    got = list(api.list_papers(query="sparse", limit=10))
    assert len(got) == 10
    for info in got:
        text = (info.title + " " + latest_snapshot[info.id]["paper"]["summary"]).lower()
        assert "spars" in text
