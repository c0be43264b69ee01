"""The explainer page, Markdown and JSON renderings."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from backstory.models import Article, Citation, Explainer, Item, Section, SourceRef
from backstory.publish import render_html, render_json, render_markdown
from backstory.publish.charts import parse_figure, shared_unit_groups
from backstory.publish.render import source_paragraphs, timex_label

from .conftest import make_explainer

SPEC_HEADINGS = [
    "What's happening now",
    "Key takeaways",
    "Timeline: how we got here",
    "What's new vs what's known",
    "Impact for the UK",
    "Numbers that matter",
    "Definitions and jargon buster",
    "How to think about the next steps",
    "Practical guidance",
    "Risks, caveats, and uncertainties",
    "Bottom line",
    "FAQs",
    "Sources",
]


def _doc(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def css(el: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """A tiny subset of CSS selectors ("tag.class descendant", "#id tag") over XPath."""
    path = "."
    for part in selector.split():
        m = re.fullmatch(r"([a-z0-9]*)(?:#([\w-]+))?(?:\.([\w-]+))?(?:\[(\w+)=(\w+)\])?", part)
        tag, ident, cls, attr, val = m.groups()
        cond = []
        if ident:
            cond.append(f"@id='{ident}'")
        if cls:
            cond.append(f"contains(concat(' ', @class, ' '), ' {cls} ')")
        if attr:
            cond.append(f"@{attr}='{val}'")
        path += "//" + (tag or "*") + "".join(f"[{c}]" for c in cond)
    return el.xpath(path)


def _in_order(haystack: list[str], needles: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def test_every_section_heading_appears_in_spec_order(explainer, articles):
    # shuffle the stored order: the page must still follow the spec's order
    shuffled = explainer.model_copy(update={"sections": tuple(reversed(explainer.sections))})
    doc = _doc(render_html(shuffled, articles))
    h2 = [h.text_content().strip() for h in doc.iter("h2")]
    assert _in_order(h2, SPEC_HEADINGS), h2
    assert len(doc.findall(".//h1")) == 1
    assert doc.findall(".//h1")[0].text_content() == explainer.headline


def test_every_marker_links_to_a_passage_with_the_verbatim_quote(explainer, articles):
    doc = _doc(render_html(explainer, articles))
    texts = {a.id: a.text for a in articles}
    markers = css(doc, "sup.cite-ref a")
    # 12 distinct passages cited by the fixture, more markers than that (re-use)
    assert len({m.get("href") for m in markers}) == 12
    assert len(markers) > 12
    quotes = {c.quote for item in explainer.items() for c in item.citations}
    seen_quotes = set()
    for marker in markers:
        href = marker.get("href")
        assert re.fullmatch(r"#cite-\d+", href)
        passage = doc.get_element_by_id(href[1:])
        quote = css(passage, "blockquote")[0].text_content().strip()
        assert quote in quotes
        seen_quotes.add(quote)
        # the quote shown is a real substring of a source, at its recorded offsets
        assert any(quote in t for t in texts.values())
        # the passage names outlet and date and links back to the first marker
        head = css(passage, ".passage-head")[0].text_content()
        assert "The Ledger" in head or "Northern Courier" in head
        assert "August 2025" in head
        back = css(passage, "a.passage-close")[0].get("href")
        assert doc.get_element_by_id(back[1:]) is not None
    assert seen_quotes == quotes


def test_first_marker_numbers_follow_page_order(explainer, articles):
    doc = _doc(render_html(explainer, articles))
    numbers = [int(m.text_content().strip("[]")) for m in css(doc, "sup.cite-ref a")]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == list(range(1, len(first_seen) + 1))


def test_page_structure_is_accessible_and_standalone(explainer, articles):
    html = render_html(explainer, articles)
    doc = _doc(html)
    for tag in ("header", "nav", "main", "footer"):
        assert doc.findall(f".//{tag}"), tag
    skip = css(doc, "a.skip-link")[0]
    assert skip.get("href") == "#main" and doc.get_element_by_id("main").tag == "main"
    assert doc.get("lang") == "en-GB"
    # standalone: CSS inlined, nothing external, no script at all
    assert doc.findall(".//style") and not css(doc, "link[rel=stylesheet]")
    assert not doc.findall(".//script")
    assert not re.search(r"""(src|href)=["']https?://(?!ledger\.example|courier\.example)""", html)
    # no heading level is skipped
    levels = [int(el.tag[1]) for el in doc.iter("h1", "h2", "h3", "h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert len(html.encode()) < 100_000


def test_meta_line_times_timeline_and_notes(explainer, articles):
    doc = _doc(render_html(explainer, articles))
    meta = css(doc, "p.meta")[0]
    assert "Published" in meta.text_content() and "Last updated" in meta.text_content()
    times = [t.get("datetime") for t in meta.findall(".//time")]
    assert times == ["2025-08-07T13:00:00+00:00", "2025-08-08T10:00:00+00:00"]
    timeline = css(doc, "#timeline ol.timeline li")
    assert len(timeline) == 4
    dates = [(t.get("datetime"), t.text_content()) for t in css(doc, "#timeline time")]
    assert dates == [
        ("2024-08", "August 2024"),
        ("2025-06", "June 2025"),
        ("2025-08-07", "7 August 2025"),
        ("2025-08-08", "8 August 2025"),  # no label: written from the TIMEX at day precision
    ]
    # each timeline entry links to its own anchor
    for li in timeline:
        assert css(li, "a.tl-date")[0].get("href") == "#" + li.get("id")
    notes = [n.text_content() for n in css(doc, "p.note")]
    assert "No source yet discusses the effect on UK businesses and jobs." in notes
    assert "No source gives practical guidance for readers yet." in notes


def test_numbers_chart_is_drawn_for_shared_units_only(explainer, articles):
    doc = _doc(render_html(explainer, articles))
    charts = css(doc, "#numbers svg")
    assert len(charts) == 1  # 4%, 4.25%, 3.6% share a unit; "5 of 9" does not
    svg = charts[0]
    assert svg.get("role") == "img" and svg.get("aria-labelledby")
    assert "%" in svg.findall(".//title")[0].text_content()
    bars = svg.findall(".//rect")
    widths = [float(r.get("width")) for r in bars]
    assert len(widths) == 3
    assert widths[1] == max(widths)  # 4.25% is the largest
    assert widths[2] < widths[0] < widths[1]  # 3.6% < 4% < 4.25%


def test_changes_box_only_when_there_are_changes(articles):
    v2 = _doc(render_html(make_explainer(articles, version=2), articles))
    box = css(v2, "aside.changes")[0]
    assert "What changed since the last version" in box.text_content()
    assert "Northern Courier" in box.text_content()
    v1 = _doc(render_html(make_explainer(articles, version=1), articles))
    assert not css(v1, "aside.changes")


def test_site_mode_links_to_site_pages(explainer, articles):
    doc = _doc(render_html(explainer, articles, standalone=False))
    assert css(doc, "link[rel=stylesheet]")[0].get("href") == "/static/style.css"
    hrefs = {a.get("href") for a in doc.iter("a")}
    assert f"/sources/{articles[0].id}" in hrefs
    assert "/category/business" in hrefs


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def _hostile_explainer() -> tuple[Explainer, Article]:
    text = f"Officials said {HOSTILE} was found in the page. More text follows here."
    article = Article(
        id="aevil000000000001",
        title=HOSTILE,
        text=text,
        outlet=HOSTILE,
        url="javascript:alert(3)",
    )
    start = text.index(HOSTILE)
    quote = Citation(source=article.id, quote=HOSTILE, start=start, end=start + len(HOSTILE))
    item = Item(text=HOSTILE, citations=(quote,), label=HOSTILE, date="2025-01-01")
    e = Explainer(
        id="evil",
        created="2025-01-02T00:00:00Z",
        published="2025-01-02T00:00:00Z",
        updated="2025-01-02T00:00:00Z",
        headline=HOSTILE,
        standfirst=(item,),
        sections=(
            Section(key="timeline", heading=HOSTILE, items=(item,)),
            Section(key="faqs", heading="FAQs", items=(item,), note=HOSTILE),
        ),
        sources=(SourceRef(id=article.id, title=HOSTILE, outlet=HOSTILE, url=article.url),),
    )
    return e, article


@pytest.mark.parametrize("standalone", [True, False])
def test_hostile_source_fields_are_escaped(standalone):
    e, article = _hostile_explainer()
    html = render_html(e, [article], standalone=standalone)
    assert "<script>alert" not in html and "<img" not in html
    doc = _doc(html)
    assert not doc.findall(".//img")
    assert [s.get("src") for s in doc.iter("script")] == ([] if standalone else ["/static/site.js"])
    for el in doc.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert "javascript:" not in value.lower(), (el.tag, name, value)
    # the payload is shown as text, verbatim
    assert HOSTILE in doc.get_element_by_id("cite-1").text_content()
    assert doc.findall(".//h1")[0].text_content() == HOSTILE


def test_markdown_has_sections_in_order_and_footnotes(explainer):
    md = render_markdown(explainer)
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert headings == SPEC_HEADINGS
    footnotes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, flags=re.M))
    assert len(footnotes) == 12
    assert footnotes["1"].startswith("The Ledger, 7 August 2025: “The Bank of England cut")
    assert "<https://ledger.example/economy/boe-cuts-rates-to-4>" in footnotes["1"]
    # every marker used in the body has its footnote
    used = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    assert used == set(footnotes)
    assert "*No source yet discusses the effect on UK businesses and jobs.*" in md


def test_markdown_neutralises_markup_and_bad_links():
    e, _ = _hostile_explainer()
    md = render_markdown(e)
    assert "<script>" not in md and "javascript:" not in md


def test_json_round_trips(explainer):
    assert Explainer.model_validate(json.loads(render_json(explainer))) == explainer


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("£1.2bn", 1.2e9, "GBP"),
        ("4.25%", 4.25, "%"),
        ("3,000 jobs", 3000, "job"),
        ("$40 million", 40e6, "USD"),
        ("2.5 per cent", 2.5, "%"),
    ],
)
def test_parse_figure(text, value, unit):
    fig = parse_figure(text)
    assert fig is not None and fig.value == pytest.approx(value) and fig.unit == unit


def test_parse_figure_skips_years_and_plain_words():
    assert parse_figure("in 2025") is None
    assert parse_figure("no figures here") is None
    assert parse_figure("5 of 9").unit == ""
    groups = shared_unit_groups(
        [("a", parse_figure("4%")), ("b", parse_figure("£3m")), ("c", parse_figure("5%"))]
    )
    assert [[name for name, _ in g] for g in groups] == [["a", "c"]]


def test_timex_labels_keep_precision():
    assert timex_label("2025-12-22") == "22 December 2025"
    assert timex_label("2025-12") == "December 2025"
    assert timex_label("2025") == "2025"
    assert timex_label("2025-W51") == "Week 51, 2025"


def test_source_paragraphs_mark_overlapping_spans():
    text = "First para here.\nSecond one, longer text."
    paras = source_paragraphs(text, [(0, 5), (3, 10), (17, 23), (40, 999)])
    assert len(paras) == 2
    first = paras[0]
    assert first[0].text == "First para" and first[0].mark
    assert set(first[0].ids) == {"p-0-5", "p-3-10"}
    assert "".join(s.text for s in first) == "First para here."
    assert paras[1][0].text == "Second" and paras[1][0].ids == ("p-17-23",)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_our_rendered_example_page_draws_no_checker_finding(fmt: str) -> None:
    """Our own page, read back by the checker as any third-party page would be: figures and
    their sentences, the kicker and the spec's "no source ..." notes must not read as
    unsupported numbers, names or filler."""
    from datetime import UTC, datetime
    from pathlib import Path

    from backstory.check import check_page
    from backstory.check.page import read_page
    from backstory.ingest import ingest
    from backstory.pipeline import explain_articles

    folder = Path(__file__).resolve().parents[2] / "examples" / "crowdstrike-outage-2024"
    articles = list(ingest([str(folder)]).articles)
    now = datetime(2024, 9, 25, 12, tzinfo=UTC)
    explainer = explain_articles(articles, now=now)
    text = render_html(explainer) if fmt == "html" else render_markdown(explainer)
    page = read_page(f"page.{fmt}", data=text.encode("utf-8"))
    report = check_page(page, sources=articles, now=now)
    assert [(f.code, f.quote) for f in report.findings] == []
