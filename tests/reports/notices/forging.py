"""Edits to a PDF as a PDF editor makes them (pypdf): a whole-file rewrite, a page's content stream edited."""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject


def edited(data: bytes, change: Callable[[PdfWriter], None]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_stream(page_no: int, edit: Callable[[bytes], bytes]) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        page = writer.pages[page_no]
        old = page.get_contents()
        assert old is not None
        new = edit(old.get_data())
        assert new != old.get_data(), "the forgery must change the page"
        stream = DecodedStreamObject()
        stream.set_data(new)
        page.replace_contents(stream)
    return change


def replace_once(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        assert old in data
        return data.replace(old, new, 1)
    return edit
