"""hlhdesk: the HLH MDT desk for NHS England policy 210701P (anakinra for HLH)."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("hlhdesk")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0+source"
