from django import template
from django.urls import translate_url
from django.utils import translation

from cases import punctuation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switch(context):
    """The other language's name and the same page's address in it."""
    request = context.get("request")
    current = translation.get_language()
    target, label = ("en", "English") if current != "en" else ("zh-hans", "简体中文")
    path = request.get_full_path() if request else "/"
    return {"code": target, "label": label, "url": translate_url(path, target)}


# Punctuation in the page's language (cases.punctuation): an English page
# never shows 、（）；：，.
@register.filter
def enumeration(items):
    return punctuation.enumeration(items)


@register.filter
def bracketed(text):
    return punctuation.bracketed(text)


@register.simple_tag
def clause_separator():
    return punctuation.clause_separator()


@register.simple_tag
def comma():
    return punctuation.comma()


@register.simple_tag
def colon():
    return punctuation.colon()
