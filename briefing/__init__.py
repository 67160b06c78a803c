"""briefing: turn a folder of news articles into a sourced Word briefing."""

__version__ = "0.1.0"
