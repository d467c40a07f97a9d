"""Simplified Chinese is the first language: every extracted string has a
translation, and the compiled catalogue in the repository matches it."""

import ast
import gettext
import os
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


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")
FULL_STOPS = ("。", ".", "！", "？")


def misplaced(entries):
    """Entries whose translation is not theirs alone: its placeholders are not
    the message's, or it carries another message's whole translation before
    or after its own (what a bad merge leaves behind)."""
    entries = list(entries)
    # Whole sentences of other messages (a short phrase may well open another).
    sentences = {msgstr for _msgid, msgstr in entries if msgstr.endswith(FULL_STOPS)}
    found = []
    for msgid, msgstr in entries:
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr)):
            found.append(msgid)
        elif any(
            other != msgstr
            and (
                msgstr.startswith(other)
                or (msgstr.endswith(other) and msgstr[: -len(other)].endswith(FULL_STOPS))
            )
            for other in sentences
        ):
            found.append(msgid)
    return found


def test_each_translation_belongs_to_its_message():
    assert misplaced(po_entries()) == []


def test_a_translation_carrying_another_messages_text_is_found():
    entries = [
        ("One choice per line.", "每行一个选项，翻译写成值和显示文字。"),
        ("Step %(number)s asks it.", "每行一个选项，翻译写成值和显示文字。第 %(number)s 步问了。"),
        ("Step %(number)s is empty.", "这一步是空的。"),
        ("Step %(number)s", "第 %(number)s 步"),
        ("Step %(number)s of %(total)s", "第 %(number)s 步"),
    ]
    assert misplaced(entries) == [
        "Step %(number)s asks it.",  # another message's sentence before its own
        "Step %(number)s is empty.",  # the number is lost
        "Step %(number)s of %(total)s",  # the total is lost
    ]


def test_the_catalogue_is_what_makemessages_extracts_today(tmp_path):
    """A string added, changed or removed in the code without `make
    messages` leaves the catalogue stale: extracting again, in a copy of the
    project, must change nothing but the extraction date."""
    import shutil
    import subprocess
    import sys

    if shutil.which("xgettext") is None:
        raise AssertionError("GNU gettext is needed: apt-get install gettext")
    root = PO.parents[3]
    copy = tmp_path / "project"
    shutil.copytree(
        root, copy, ignore=shutil.ignore_patterns(".venv", ".git", "var", "__pycache__", "*.mo")
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--ignore=tests",
            "--ignore=bench",
            "--no-obsolete",
            "--no-location",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        timeout=300,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "VAR_DIR": str(tmp_path)},
    )
    extracted = (copy / PO.relative_to(root)).read_text(encoding="utf-8")
    dated = re.compile(r'^"POT-Creation-Date: .*"$', re.MULTILINE)
    assert dated.sub("", extracted) == dated.sub("", PO.read_text(encoding="utf-8")), (
        "run `make messages` and translate what it adds"
    )
