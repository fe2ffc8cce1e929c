#!/usr/bin/env python3
"""Parses feed files with feedparser 6.0.14 and prints, as JSON, what a feed reader would see.

Usage: feed-check.py FILE [FILE ...]  →  {"FILE": {"bozo": 0, "feed": {...}, "entries": [...]}, ...}
Dates are Unix seconds (UTC) from feedparser's *_parsed values.
"""
import calendar
import json
import sys

import feedparser


def seconds(parsed):
    return calendar.timegm(parsed) if parsed else None


def describe(path):
    result = feedparser.parse(path)
    feed = result.feed
    return {
        "bozo": int(bool(result.bozo)),
        "bozo_exception": repr(result.get("bozo_exception")) if result.bozo else None,
        "version": result.version,
        "feed": {
            "title": feed.get("title"),
            "subtitle": feed.get("subtitle"),
            "link": feed.get("link"),
            "id": feed.get("id"),
            "language": feed.get("language"),
            "updated": seconds(feed.get("updated_parsed")),
            "links": [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type")} for l in feed.get("links", [])],
        },
        "entries": [{
            "id": e.get("id"),
            "guidislink": e.get("guidislink"),
            "title": e.get("title"),
            "title_type": e.get("title_detail", {}).get("type"),
            "link": e.get("link"),
            "summary": e.get("summary"),
            "summary_type": e.get("summary_detail", {}).get("type"),
            "content": [c.get("value") for c in e.get("content", [])],
            "authors": [a.get("name") for a in e.get("authors", [])],
            "tags": [t.get("term") for t in e.get("tags", [])],
            "published": seconds(e.get("published_parsed")),
            "updated": seconds(e.get("updated_parsed")),
        } for e in result.entries],
    }


if __name__ == "__main__":
    json.dump({path: describe(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False, indent=1)
