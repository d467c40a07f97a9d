"""Simplified Chinese is the first language: every extracted string has a
translation, and the compiled catalogue in the repository matches it."""

import ast
import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def po_entries():
    text = PO.read_text(encoding="utf-8")
    for match in ENTRY.finditer(text):
        msgid = "".join(ast.literal_eval(line) for line in match.group(1).splitlines())
        msgstr = "".join(ast.literal_eval(line) for line in match.group(2).splitlines())
        if msgid:
            yield msgid, msgstr


def test_every_string_has_a_chinese_translation():
    untranslated = [msgid for msgid, msgstr in po_entries() if not msgstr]
    assert untranslated == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_po_file():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr in po_entries() if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run `make messages`"
