"""What a cache keys its rendered pages on, so that a deploy that changes how they render renews them."""

import functools
import hashlib


@functools.cache
def sources_digest(*paths):
    """A digest of these files' contents, read once per process: a new release means new keys."""
    return hashlib.sha256(b"".join(path.read_bytes() for path in sorted(paths))).hexdigest()[:16]
