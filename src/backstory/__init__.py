"""backstory: grounded news explainers, and a checker for anyone's explainer pages."""

from backstory.errors import (
    AnalyseError,
    BackstoryError,
    CheckError,
    ComposeError,
    IngestError,
    PublishError,
    StoreError,
    StoriesError,
)
from backstory.models import Article, Citation, Explainer, Item, Section, Sentence, SourceRef

__version__ = "0.1.0"

__all__ = [
    "AnalyseError",
    "Article",
    "BackstoryError",
    "CheckError",
    "Citation",
    "ComposeError",
    "Explainer",
    "IngestError",
    "Item",
    "PublishError",
    "Section",
    "Sentence",
    "SourceRef",
    "StoreError",
    "StoriesError",
    "__version__",
]
