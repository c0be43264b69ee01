"""Housekeeping lines at the edges of extracted articles are dropped; article prose never."""

from __future__ import annotations

import pytest

from backstory.ingest.boilerplate import is_housekeeping, strip_edge_boilerplate
from backstory.ingest.html import html_fragment_to_text, parse_html

BODY = [
    "The Met Office issued an amber warning for wind across south-west England on Saturday, "
    "with gusts of up to 80mph expected on exposed coasts.",
    "Ferries between Penzance and the Isles of Scilly were cancelled for the weekend.",
    "Forecasters said the storm would clear eastwards by Sunday afternoon.",
]


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Storm Bert brings flooding to Wales",
        "Read more: what the amber warning means",
        "Sign up for our free weather newsletter",
        "- Want the morning briefing? Sign up for First Edition",
        "Follow us on Facebook and X",
        "-- By Jane Hollis Follow @janehollis",
        "This story has been updated with additional developments.",
        "The article was updated at 14:05 to add the Met Office's statement.",
        "© 2024 Penwith Gazette. All rights reserved.",
        "Copyright Penwith Gazette Ltd",
        "Loading weather data ...",
        "Advertisement",
        "Reporters Tom Ash and Priya Nair contributed to this report.",
        "The post Storm warning for Cornwall appeared first on Penwith Gazette.",
    ],
)
def test_housekeeping_lines_are_recognised(line: str) -> None:
    assert is_housekeeping(line)


@pytest.mark.parametrize(
    "line",
    [
        *BODY,
        "Readers in Truro said the power cut lasted six hours.",
        "Subscribers to the council's alert service were told to move cars off the seafront.",
        "Follow-up inspections of the sea wall are planned for next week.",
        # long prose that happens to open like a teaser is article text
        "Read more widely, the Met Office's figures show that November storms have become "
        "more frequent since 2015, and that coastal towns in Cornwall bear the brunt of them, "
        "according to the council's own flood report published in the spring.",
    ],
)
def test_article_prose_is_not_housekeeping(line: str) -> None:
    assert not is_housekeeping(line)


def test_only_the_edges_lose_housekeeping_lines() -> None:
    middle = "Sign up for alerts at the council's website, the council said."  # short, in body
    text = "\n\n".join(
        [
            "Advertisement",
            BODY[0],
            middle,
            BODY[1],
            BODY[2],
            "READ MORE: Storm Bert brings flooding to Wales",
            "© 2024 Penwith Gazette. All rights reserved.",
        ]
    )
    assert strip_edge_boilerplate(text) == "\n\n".join([BODY[0], middle, BODY[1], BODY[2]])
    clean = "\n\n".join(BODY)
    assert strip_edge_boilerplate(clean) is clean


def test_text_that_is_all_housekeeping_is_left_for_the_word_count_to_refuse() -> None:
    assert strip_edge_boilerplate("Advertisement\n\nLoading ...") == ""


def test_html_page_and_feed_fragment_lose_their_teasers() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    page = (
        "<html><head><title>Amber wind warning for Cornwall</title></head><body><article>"
        f"<h1>Amber wind warning for Cornwall</h1>{paragraphs}"
        "<p>READ MORE: Storm Bert brings flooding to Wales</p>"
        "<p>Sign up for our free weather newsletter</p></article></body></html>"
    )
    article = parse_html(page, url=None, origin="storm.html")
    assert article.text == "\n\n".join(BODY)
    fragment = paragraphs + "<p>The post Amber wind warning appeared first on Penwith Gazette.</p>"
    assert html_fragment_to_text(fragment) == "\n\n".join(BODY)
