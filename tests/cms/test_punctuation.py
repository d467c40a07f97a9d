"""Words are punctuated in the reader's language (cases.punctuation and
its template filters): 王五（配偶）、李四 on a Chinese page, "Wang Wu
(spouse), Li Si" on an English one."""

import pytest
from django.template import Context, Template
from django.utils import translation

from cases.punctuation import enumeration

TEMPLATE = Template(
    "{% load site_tags %}{{ name }}{{ relation|bracketed }}{% colon %}{{ items|enumeration }}"
    "{% clause_separator %}{{ a }}{% comma %}{{ b }}"
)
CONTEXT = {"name": "王五", "relation": "spouse", "items": ["H01", "C01"], "a": "x", "b": "y"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "王五（spouse）：H01、C01；x，y"),
        ("en", "王五 (spouse): H01, C01; x, y"),
    ],
)
def test_the_filters_punctuate_in_the_active_language(language, expected):
    with translation.override(language):
        assert TEMPLATE.render(Context(CONTEXT)) == expected


def test_an_enumeration_escapes_nothing_and_accepts_any_iterable():
    with translation.override("en"):
        assert enumeration(str(n) for n in range(3)) == "0, 1, 2"
