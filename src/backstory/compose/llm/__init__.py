"""Optional language-model composers whose every sentence is verified against its sources.

``openai`` (any OpenAI-compatible server) and ``llama-cpp`` (a GGUF file in-process) write
prose for a few sections; :mod:`.verify` keeps only sentences their cited passages support,
and everything else falls back to the extractive composer. See :mod:`.base` for the flow.
Importing this package needs neither a server nor llama-cpp-python.
"""

from backstory.compose.llm.base import Completion, ModelComposer, parse_sections
from backstory.compose.llm.prompt import (
    DEFAULT_SECTIONS,
    GeneratedSentence,
    Passage,
    answer_schema,
    build_messages,
    choose_passages,
    parse_answer,
)
from backstory.compose.llm.verify import MIN_OVERLAP, REASONS, Verdict, verify_sentence

__all__ = [
    "DEFAULT_SECTIONS",
    "MIN_OVERLAP",
    "REASONS",
    "Completion",
    "GeneratedSentence",
    "ModelComposer",
    "Passage",
    "Verdict",
    "answer_schema",
    "build_messages",
    "choose_passages",
    "parse_answer",
    "parse_sections",
    "verify_sentence",
]
