"""Rule kinds: the Python half of rules. One module per kind family."""
