"""Who takes part in each event: name mentions, one canonical name per real actor, and the user's overrides.

    index = ActorIndex.build(articles, spans, overrides="actors.yaml")
    index.lookup(article, sentence_span)   # canonical names in that sentence
    index.mentions(article)                # Mention(start, end, text, actor, kind, form)
    index.aliases                          # lower-cased alias -> canonical name
    index.table()                          # name, kind, aliases, mentions, articles

Rules, not a trained model: no model can be downloaded here. Where a spaCy English pipeline is installed
(``ner_available()``), its entity labels add evidence of each actor's kind (``ner.py``); the rules need none.
"""

from .canonical import KINDS, Actor
from .index import ActorIndex, Mention
from .ner import available as ner_available
from .overrides import FILENAME as OVERRIDES_FILENAME, Overrides, OverridesError, find as find_overrides

__all__ = [
    "ActorIndex",
    "Mention",
    "Actor",
    "KINDS",
    "Overrides",
    "OverridesError",
    "OVERRIDES_FILENAME",
    "find_overrides",
    "ner_available",
]
