"""newsweave: weave news and analysis articles into one sourced model of the world."""

__version__ = "0.1.0"
