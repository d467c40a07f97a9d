"""The one plugin-registry pattern (department connectors, shared-registry
sources): a plugin class registers itself under an id; registering an id
twice is a programming error."""


class Registry:
    def __init__(self, kind):
        self.kind = kind
        self._plugins = {}

    def __call__(self, identifier):
        def decorator(cls):
            if identifier in self._plugins:
                raise ValueError(f"A {self.kind} '{identifier}' is already registered.")
            cls.identifier = identifier
            self._plugins[identifier] = cls()
            return cls

        return decorator

    def __getitem__(self, identifier):
        return self._plugins[identifier]

    def __contains__(self, identifier):
        return identifier in self._plugins

    def __iter__(self):
        return iter(self._plugins.values())

    def unregister(self, identifier):
        self._plugins.pop(identifier, None)

    def choices(self):
        return [(plugin.identifier, plugin.verbose_name) for plugin in self]
