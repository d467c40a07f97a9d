from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (the receivers of a question by its name)."""
    return mapping.get(key, [])
