from ..plugins import Registry

register = Registry("connector")
