"""The GraphQL endpoint (graphene-django) for the mobile app and the hotline:
schema, token authentication, limits and the production allow-list."""
