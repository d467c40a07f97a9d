from ..plugins import Registry

register = Registry("registry source")
