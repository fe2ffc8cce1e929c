"""Citations through a real `paperboy serve` on the HF dump: every `.bib` export parsed by bibtexparser (with its
LaTeX decoding), RIS records, the Google Scholar meta tags in the served page, and a collection's `.bib` (the
collection made through the site's own forms by a signed-up user)."""
import html
import http.cookiejar
import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

TEX_SPECIALS = set("&%$#_{}~^\\")


def get(url, opener=None, data=None, accept=None):
    req = urllib.request.Request(url, data=data)
    if accept:
        req.add_header("Accept", accept)
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def collapse(s):
    return " ".join(s.split())


def comparable(s):
    """What LaTeX decoding cannot give back exactly: TeX's dash and quote ligatures, Unicode forms."""
    s = unicodedata.normalize("NFC", collapse(s))
    for a, b in [("\u2014", "---"), ("\u2013", "--"), ("\u201c", "``"), ("\u201d", "''"), ("\u2018", "`"),
                 ("\u2019", "'"), ("\u00a0", " "),
                 # pylatexenc decodes \textasciicircum / \textasciitilde to the modifier letters.
                 ("\u02c6", "^"), ("\u02dc", "~")]:
        s = s.replace(a, b)
    return s


def parse_bib(text):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library.entries


def paper_json(server, pid):
    status, _, body = get(f"{server}/api/papers/{pid}")
    assert status == 200
    return json.loads(body)


@pytest.fixture(scope="module")
def nasty_ids(hf_entries):
    """Papers whose titles hold TeX specials or whose authors have non-ASCII names, plus plain ones."""
    specials, accents, plain = [], [], []
    for e in hf_entries:
        p = e.get("paper", e)
        names = [a.get("name", "") for a in p.get("authors", [])]
        if any(c in TEX_SPECIALS for c in p.get("title", "")):
            specials.append(p["id"])
        elif any(ord(c) > 127 for n in names for c in n):
            accents.append(p["id"])
        elif len(plain) < 5:
            plain.append(p["id"])
    return list(dict.fromkeys(specials[:25] + accents[:25] + plain))


def test_every_single_paper_bib_parses_with_the_right_fields(server, nasty_ids):
    assert len(nasty_ids) >= 40
    braces = 0
    for pid in nasty_ids:
        status, headers, text = get(f"{server}/papers/{pid}.bib")
        assert status == 200, pid
        assert headers["Content-Type"].startswith("application/x-bibtex")
        entries = parse_bib(text)
        assert len(entries) == 1, pid
        entry = entries[0]
        paper = paper_json(server, pid)
        assert entry.entry_type == "misc"
        assert comparable(entry["title"]) == comparable(paper["title"]), (pid, text)
        names = [a["name"] for a in paper["authors"] if not a.get("hidden")]
        # " and "-joined; decoded, each name is the site's name.
        assert [comparable(n.strip("{}")) for n in entry["author"].split(" and ")] == [comparable(n) for n in names], pid
        assert entry["year"] == paper["publishedAt"][:4]
        assert entry["eprint"] == pid and entry["archivePrefix"] == "arXiv"
        assert entry["url"] == f"https://arxiv.org/abs/{pid}"
        if paper.get("categories"):
            assert entry["primaryClass"] == paper["categories"][0]
        # The raw file: specials escaped, so braces stay balanced and no TeX command from the title survives.
        raw_title = re.search(r"^  title = \{(.*)\},$", text, re.M).group(1)
        depth = 0
        for i, c in enumerate(raw_title):
            if c in "{}" and (i == 0 or raw_title[i - 1] != "\\"):
                depth += 1 if c == "{" else -1
                assert depth >= 0, (pid, raw_title)
        assert depth == 0, (pid, raw_title)
        braces += "\\{" in raw_title or "\\textasciicircum{}" in raw_title
    assert braces > 0, "no title with braces or carets was checked"


def test_ris_records(server, nasty_ids):
    for pid in nasty_ids[:15]:
        status, headers, text = get(f"{server}/papers/{pid}.ris")
        assert status == 200 and headers["Content-Type"].startswith("application/x-research-info-systems")
        lines = text.split("\r\n")
        assert lines[0] == "TY  - UNPB"
        assert lines[-2] == "ER  - " and lines[-1] == ""
        paper = paper_json(server, pid)
        tags = {}
        for line in lines[:-1]:
            assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
            tags.setdefault(line[:2], []).append(line[6:])
        assert tags["TI"] == [collapse(paper["title"])]
        assert tags["AU"] == [collapse(a["name"]) for a in paper["authors"] if not a.get("hidden")]
        assert tags["PY"] == [paper["publishedAt"][:4]]
        assert tags["AN"] == [f"arXiv:{pid}"]


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name", "").startswith("citation_"):
            self.tags.append((a["name"], a.get("content")))


def test_scholar_meta_tags_in_the_served_page(server, nasty_ids):
    for pid in nasty_ids[:10]:
        status, _, page = get(f"{server}/papers/{pid}")
        assert status == 200
        parser = MetaTags()
        parser.feed(page)
        tags = parser.tags
        paper = paper_json(server, pid)
        assert ("citation_title", collapse(paper["title"])) in tags
        assert [c for n, c in tags if n == "citation_author"] == [
            collapse(a["name"]) for a in paper["authors"] if not a.get("hidden")]
        day = paper["publishedAt"][:10].replace("-", "/")
        assert ("citation_publication_date", day) in tags
        assert ("citation_arxiv_id", pid) in tags
        assert ("citation_pdf_url", f"https://arxiv.org/pdf/{pid}") in tags
        # The Cite box holds the same BibTeX as the file.
        cite = re.search(r'<pre id="cite-bibtex">(.*?)</pre>', page, re.S).group(1)
        assert html.unescape(cite) == get(f"{server}/papers/{pid}.bib")[2]


def test_markdown_by_accept_header(server, nasty_ids):
    pid = nasty_ids[0]
    status, headers, md = get(f"{server}/papers/{pid}", accept="text/markdown")
    assert status == 200 and headers["Content-Type"].startswith("text/markdown") and md.startswith("# ")
    assert "Accept" in headers["Vary"]
    status, headers, page = get(f"{server}/papers/{pid}", accept="text/html")
    assert headers["Content-Type"].startswith("text/html") and "<!doctype html>" in page
    assert md == get(f"{server}/papers/{pid}.md")[2]


def test_collection_bib_export(server, nasty_ids):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, _, page = get(server + "/signup", opener)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = {"_csrf": csrf, "username": "citer", "email": "citer@example.org", "password": "a long password",
            "password2": "a long password"}
    status, _, page = get(server + "/signup", opener, urllib.parse.urlencode(form).encode())
    assert status == 200, page[:500]

    ids = nasty_ids[:12]
    status, _, page = get(f"{server}/papers/{ids[0]}", opener)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = {"_csrf": csrf, "paper": ids[0], "name": "Citation test", "public": "1"}
    status, _, page = get(server + "/collections", opener, urllib.parse.urlencode(form).encode())
    assert status == 200
    collection = re.search(r'name="collection" value="(\d+)"', page).group(1)
    for pid in ids[1:] + [ids[0]]:   # the first again: it stays in once
        form = {"_csrf": csrf, "paper": pid, "collection": collection, "include": "1"}
        assert get(server + "/collections/items", opener, urllib.parse.urlencode(form).encode())[0] == 200
    status, _, profile = get(server + "/citer", opener)
    path = re.search(r'href="(/collections/citer/[^"]+)"', profile).group(1)

    status, headers, text = get(server + path + ".bib")   # public: anyone may export it
    assert status == 200 and headers["Content-Type"].startswith("application/x-bibtex")
    entries = parse_bib(text)
    assert sorted(e["eprint"] for e in entries) == sorted(ids)
    keys = [e.key for e in entries]
    assert len(set(keys)) == len(keys) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+", k) for k in keys), keys
    for e in entries:
        assert comparable(e["title"]) == comparable(paper_json(server, e["eprint"])["title"])
    assert get(server + "/collections/citer/no-such-list.bib")[0] == 404
