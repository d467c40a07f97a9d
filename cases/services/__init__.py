"""Business operations, one module per use case. Views, resolvers, admin
actions and commands call these; none of them changes a case by itself."""
