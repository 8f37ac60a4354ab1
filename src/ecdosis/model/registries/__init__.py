"""The registries: entities, glossary, timeline, topics, key figures and the bibliography."""
