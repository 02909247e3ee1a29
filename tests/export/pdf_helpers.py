"""Read a PDF's text back with poppler's pdftotext (poppler-utils; CI installs it)."""

from __future__ import annotations

import subprocess


def pdf_text(data: bytes, *, layout: bool = False, raw: bool = False) -> str:
    """The text of a PDF, as pdftotext extracts it (pages separated by form feeds).

    ``layout`` keeps the columns side by side; ``raw`` keeps the drawing order.
    """
    mode = ["-layout"] if layout else ["-raw"] if raw else []
    args = ["pdftotext", "-enc", "UTF-8", *mode, "-", "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page."""
    return pdf_text(data).split("\f")[:-1]


def pdf_page_sizes(data: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page, from pdfinfo."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", "-"], input=data,
                         capture_output=True, check=True).stdout.decode()  # fmt: skip
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and " size:" in line:
            w, _, h = line.split(":", 1)[1].split("pts")[0].strip().partition(" x ")
            sizes.append((float(w), float(h)))
    return sizes


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses, from poppler's pdffonts."""
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
    lines = out.splitlines()
    header = lines[0]
    emb = header.index(" emb ") + 1  # the column, found by its heading
    fonts = []
    for line in lines[2:]:
        name = line.split()[0]
        fonts.append((name, line[emb : emb + 3].strip() == "yes"))
    return fonts
