"""An optional named-entity model: where a spaCy English pipeline is installed, its labels add evidence of
each name's kind. Nothing here is needed: without spaCy (the default) the rules decide alone."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "EVENT": "other",
}


@lru_cache(maxsize=1)
def _pipeline():
    try:
        import spacy
        from spacy.util import get_installed_models
    except ImportError:
        return None
    models = sorted(m for m in get_installed_models() if m.startswith("en_core"))
    return spacy.load(models[0], disable=["parser", "lemmatizer"]) if models else None


def available() -> bool:
    return _pipeline() is not None


def kinds(texts: Iterable[str]) -> dict[str, Counter]:
    """Entity text -> votes for each kind, over all the texts ({} without a model)."""
    nlp = _pipeline()
    out: dict[str, Counter] = {}
    if nlp is None:
        return out
    for doc in nlp.pipe(texts):
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind:
                out.setdefault(ent.text, Counter())[kind] += 1
    return out
