"""The Textual user interface (the domain modules never import it)."""
