"""Temporal engine: tag TIMEX3 expressions in news text, resolve them against the source's
publication date, and say which dates date the events a sentence reports.

See :mod:`backstory.analyse.temporal.tagger` for what is hand-written and why.
"""

from backstory.analyse.temporal.events import date_sentences, sentence_tense
from backstory.analyse.temporal.model import SentenceDating, Timex
from backstory.analyse.temporal.tagger import parse_number, tag
from backstory.analyse.temporal.values import duration_days, value_interval

__all__ = [
    "SentenceDating",
    "Timex",
    "date_sentences",
    "duration_days",
    "parse_number",
    "sentence_tense",
    "tag",
    "value_interval",
]
