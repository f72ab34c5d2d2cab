"""Generic RSS 2.0 / Atom feeds, and the XML helpers the WeWorkRemotely adapter shares.

Config: ``url`` (one feed) or ``urls`` (several; one failing does not stop the others), optional ``company``
(feeds rarely name the employer). Fields: title, link, id/guid, published/updated (pubDate, dc:date),
summary/content (content:encoded, description). XML is parsed without entity expansion or network access.
"""

from __future__ import annotations

import lxml.etree

from jobs.sources.adapter import Adapter
from jobs.sources.base import (
    NormalizedPosting,
    SourceError,
    dedupe_tags,
    employment_type,
    html_text,
    parse_datetime,
    remote_flag,
    sanitize_html,
    text,
    workplace_from_location,
)

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"


def local(el) -> str:
    return lxml.etree.QName(el).localname if isinstance(el.tag, str) else ""


def node_text(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


def first(parent, *names: str) -> str:
    """Text of the first child whose local name (or ``{ns}name``) matches, in the order of ``names``."""
    for name in names:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            if child.tag == name or (not name.startswith("{") and local(child) == name):
                value = node_text(child)
                if value.strip():
                    return value.strip()
    return ""


def all_texts(parent, name: str) -> list[str]:
    return [node_text(c).strip() for c in parent if isinstance(c.tag, str) and local(c) == name]


def feed_urls(config: dict) -> list[str]:
    urls = config.get("urls") or ([config["url"]] if config.get("url") else [])
    if isinstance(urls, str):
        urls = [urls]
    return [str(u) for u in urls if u]


def feed_items(root, url: str) -> list:
    """The <item>s of an RSS 2.0 (or RSS 1.0) document or the <entry>s of an Atom feed."""
    name = local(root)
    if name == "rss":
        channel = next((c for c in root if local(c) == "channel"), None)
        if channel is None:
            raise SourceError(f"{url}: RSS document without a <channel>")
        return [c for c in channel if local(c) == "item"]
    if name == "feed":
        return [c for c in root if local(c) == "entry"]
    if name == "RDF":
        return [c for c in root if local(c) == "item"]
    raise SourceError(f"{url}: not an RSS or Atom feed (root element <{name}>)")


def atom_link(entry) -> str:
    links = [c for c in entry if local(c) == "link"]
    for link in links:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link.get("href").strip()
    for link in links:
        if link.get("href"):
            return link.get("href").strip()
        if node_text(link).strip():
            return node_text(link).strip()  # RSS <link>text</link>
    return ""


class FeedAdapter(Adapter):
    kind = "feed"
    label = "RSS/Atom feed"
    document = "xml"
    config_keys = {"url": "the feed URL", "urls": "several feed URLs", "company": "employer name for every item"}

    def urls(self, config: dict) -> list[str]:
        urls = feed_urls(config)
        if not urls:
            raise SourceError("config needs a 'url' or 'urls'")
        return urls

    def parse(self, document, config, url):
        for item in feed_items(document, url):
            yield self.safe_item(lambda it: self.convert(it, config), item, "entry")

    def convert(self, item, config: dict) -> NormalizedPosting:
        link = atom_link(item)
        ident = first(item, "guid", "id") or link
        title = text(first(item, "title"))
        if not ident or not title:
            raise ValueError("entry without id/link or title")
        markup = first(item, f"{{{CONTENT}}}encoded", "content", "description", "summary")
        location = text(first(item, "location", "region"))
        workplace = workplace_from_location(location) or workplace_from_location(title)
        categories = [c.get("term") or node_text(c) for c in item if local(c) == "category"]
        return NormalizedPosting(
            source_id=ident.strip(),
            title=title,
            company=text(config.get("company") or first(item, "company", "author")),
            location=location,
            remote=remote_flag(workplace),
            workplace=workplace,
            tags=dedupe_tags(categories),
            description_text=html_text(markup),
            description_html=sanitize_html(markup),
            apply_url=link,
            url=link,
            posted_at=parse_datetime(first(item, "published", "pubDate", "date", "updated")),
            employment_type=employment_type(first(item, "type", "jobType")),
            raw={"id": ident.strip(), "link": link},
        )
