"""The shopping-list section: the merged list by aisle, with a box to tick per line."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from bonewise.core.shopping import ShoppingList, ShoppingRow
from bonewise.export.labels import date_range, days_text, people_label
from bonewise.export.styles import ACCENT_LIGHT, MUTED, RULE, Para, Styles, Table, esc

CHECKBOX = "☐"


@dataclass(frozen=True)
class ShoppingSection:
    shopping: ShoppingList
    title: str = "Shopping list"
    landscape: bool = False

    @property
    def header(self) -> str:
        return f"{people_label(self.shopping.people)} · {date_range(self.shopping.dates)}"

    def flowables(self, styles: Styles, width: float, height: float) -> list[Flowable]:
        shopping = self.shopping
        out: list[Flowable] = [
            styles.markup(f"Shopping list for {esc(people_label(shopping.people))}", styles.title),
            styles.p(self._covers(), styles.small),
        ]
        for name in shopping.nothing_planned:
            out.append(styles.markup(f"<b>{esc(name)}:</b> nothing planned {esc(self._when())}.", styles.body))
        out.append(Spacer(1, styles.body_size * 0.5))
        if shopping.is_empty:
            out.append(styles.p("Nothing to buy: no foods are planned for these days."))
        for group in shopping.aisles:
            heading = styles.p(group.aisle, styles.heading)
            table = self._aisle_table(group.rows, styles, width)
            # Keep an aisle's name with its first lines; long aisles still split.
            out.append(KeepTogether([heading, table]) if len(group.rows) <= 6 else heading)
            if len(group.rows) > 6:
                out.append(table)
        if shopping.pantry_left_out:
            out += [
                Spacer(1, styles.body_size),
                styles.markup(
                    "<b>Left out because they are always at home (pantry):</b> "
                    + esc(", ".join(shopping.pantry_left_out)),
                    styles.small,
                ),
            ]
        for note in shopping.notes:
            out.append(styles.p(note, styles.small))
        return out

    def _when(self) -> str:
        dates = self.shopping.dates
        return f"for {date_range(dates)}" if dates else "for the days to come"

    def _covers(self) -> str:
        shopping = self.shopping
        days = len(shopping.dates)
        text = f"{date_range(shopping.dates)} ({days} {'day' if days == 1 else 'days'}). " if days else ""
        if shopping.past_days:
            text += f"Days already past ({days_text(shopping.past_days)}) are left out. "
        return text + (
            "Every planned item is merged into one line per food, in what you buy: cooked grains, "
            "pasta and beans as their dry weight; “used in” tells which meals need it."
        )

    @staticmethod
    def _aisle_table(rows: tuple[ShoppingRow, ...], styles: Styles, width: float) -> Table:
        box_w = styles.body_size * 2.0
        qty_w = width * 0.23
        name_w = width * 0.37
        uses_w = width - box_w - qty_w - name_w
        data = []
        for row in rows:
            name = esc(row.name)
            if row.weight_hint:
                name += f' <font color="#555555" size="{styles.small.fontSize}">({esc(row.weight_hint)})</font>'
            data.append(
                [
                    Para(CHECKBOX, styles.grid_head),
                    Para(f"<b>{esc(row.quantity)}</b>", styles.cell),
                    Para(name, styles.cell),
                    Para(esc(row.uses_text), styles.small),
                ]
            )
        table = Table(data, colWidths=[box_w, qty_w, name_w, uses_w], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("TEXTCOLOR", (3, 0), (3, -1), MUTED),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, ACCENT_LIGHT]),
                ]
            )
        )
        return table
