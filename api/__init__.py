"""The GraphQL endpoint for the mobile app and the hotline. Filled in by the
GraphQL issue; nothing here yet, so it is not an installed app."""
