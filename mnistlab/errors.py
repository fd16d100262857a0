"""The package's own exceptions. Every message says what is wrong and what to do about it.

Bad arguments raise the built-in ``ValueError`` (a wrong value) or ``TypeError`` (a wrong kind of thing);
the classes here are for problems with data, model files and downloads, so that a caller can catch exactly
those. This module imports nothing of ours: every other module may import it.
"""


class DataError(ValueError):
    """A data file or an array of images or labels is not what mnistlab expects."""


class ModelFileError(ValueError):
    """A file is not a usable mnistlab model (not one at all, damaged, or from a newer mnistlab)."""


class DownloadError(OSError):
    """No mirror delivered a file with the right checksum; the message lists what each mirror answered."""
