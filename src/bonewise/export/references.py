"""The references: every source the document cites, once, as a compact numbered list at the end.

The pages name a source by its short name ("ASCO 2019"); the full citation is
here, so the appointment page is not pushed back by pages of references.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from bonewise.core.targets import Source
from bonewise.export.styles import Para, Styles, esc


@dataclass(frozen=True)
class ReferencesSection:
    sources: tuple[Source, ...]
    header: str
    title: str = "References"
    landscape: bool = False

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        out: list[Flowable] = [
            styles.p("References", styles.heading),
            styles.p("Each target, limit, flag and statement in this document names its source by the "
                     "short name in bold.", styles.small),  # fmt: skip
        ]
        for number, source in enumerate(self.sources, 1):
            citation = " ".join(line.strip() for line in source.citation.splitlines() if line.strip())
            out.append(Para(f"{number}. <b>{esc(source.short)}</b>: {esc(citation)}", styles.reference))
        return out


def unique_sources(groups: Sequence[Sequence[Source]]) -> tuple[Source, ...]:
    """The sources of all ``groups``, each short name once, in the order first cited."""
    found: dict[str, Source] = {}
    for group in groups:
        for source in group:
            found.setdefault(source.short, source)
    return tuple(found.values())
