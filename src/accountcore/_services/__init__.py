"""The services: the core's rules, one module per concern. They never print."""
