"""Chinese text has no spaces between words, so the search index (SQLite FTS5
or PostgreSQL's tsvector, both word-based) would see a whole phrase as one
word and "公积金" would never find "住房公积金提取". Pages therefore also index
their text as overlapping two-character pieces, and queries are cut the same
way and matched with AND."""

import re

from wagtail.search import index

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+")


def bigrams(text):
    """ "住房公积金 fund" → "住房 房公 公积 积金 fund"."""
    pieces = []
    for word in WORD.findall(text or ""):
        if CJK.fullmatch(word) and len(word) > 1:
            pieces.extend(word[i : i + 2] for i in range(len(word) - 1))
        else:
            pieces.append(word.lower())
    return " ".join(pieces)


class BigramSearchMixin:
    """Pages that list their readable text in ``bigram_source()``."""

    bigram_search_fields = [index.SearchField("search_bigrams")]

    def bigram_source(self):
        return [self.title]

    @property
    def search_bigrams(self):
        return bigrams(" ".join(str(part) for part in self.bigram_source() if part))


def stream_text(stream_value):
    """The plain text of a StreamField of simple struct blocks."""
    texts = []
    for block in stream_value or []:
        value = block.value
        if hasattr(value, "values"):
            texts.extend(str(v) for v in value.values() if isinstance(v, str))
        else:
            texts.append(str(value))
    return " ".join(texts)
