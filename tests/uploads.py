"""Posting a file as a browser's multipart form does, for the upload tests."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient


def post_file(
    client: FlaskClient, url: str, name: str, content: bytes, field: str = "file", **data: Any
) -> Any:
    """POST `content` as the file `name` in the form field `field`, with the form's other fields `data`."""
    files = {**data, field: (io.BytesIO(content), name)}
    return client.post(url, data=files, content_type="multipart/form-data")
