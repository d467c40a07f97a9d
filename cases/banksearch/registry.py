from ..plugins import Registry

register = Registry("bank search")
