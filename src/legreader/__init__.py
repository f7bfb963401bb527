"""legreader: a keyboard-driven terminal reader for checking how the press reports a study."""

__version__ = "0.1.0"
