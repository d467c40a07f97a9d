from .base import RegistrySource


class Registry:
    """Plugins by identifier; registering one id twice is a programming error."""

    def __init__(self):
        self._plugins: dict[str, RegistrySource] = {}

    def __call__(self, identifier):
        def decorator(cls):
            if identifier in self._plugins:
                raise ValueError(f"A registry source '{identifier}' is already registered.")
            cls.identifier = identifier
            self._plugins[identifier] = cls()
            return cls

        return decorator

    def __getitem__(self, identifier) -> RegistrySource:
        return self._plugins[identifier]

    def __contains__(self, identifier):
        return identifier in self._plugins

    def __iter__(self):
        return iter(self._plugins.values())


register = Registry()
