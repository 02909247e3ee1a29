#!/usr/bin/env bash
# Build the one-folder Linux bundle with PyInstaller, then smoke-test it offscreen:
# it starts its window, opens the food store, plans a meal and exports a PDF.
# Usage: packaging/build_bundle.sh            (output: build/dist/bonewise/)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=${BONEWISE_BUILD_VENV:-$root/build/venv}

python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q . "pyinstaller>=6"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath build/dist --workpath build/work packaging/pyinstaller/bonewise.spec

app=$root/build/dist/bonewise/bonewise
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export QT_QPA_PLATFORM=offscreen
echo "== bundle: $(du -sh build/dist/bonewise | cut -f1) in build/dist/bonewise"

echo "== food store"
"$app" --data-dir "$data" foods search "cheddar cheese" --limit 3
"$app" --data-dir "$data" foods show 01079 | head -5

echo "== a planned day"
"$app" --data-dir "$data" person add "Smoke Test" --weight-kg 64
"$app" --data-dir "$data" plan add --person "Smoke Test" --date 2026-11-30 --meal Breakfast --food 01079 --measure cup
"$app" --data-dir "$data" plan totals --person "Smoke Test" --date 2026-11-30

echo "== PDF export"
"$app" --data-dir "$data" export pdf --person "Smoke Test" --week 2026-W49 --out "$data/week.pdf"
head -c 5 "$data/week.pdf" | grep -q '%PDF-' && echo "PDF ok: $(stat -c %s "$data/week.pdf") bytes"

echo "== package metadata for the About box"
# Bonewise's own, and one for each package About ▸ Licences lists.
wanted=$("$venv/bin/python" -c "from bonewise.ui.about import COMPONENTS; print(1 + sum(1 for c in COMPONENTS if c.distribution))")
infos=$(find build/dist/bonewise -maxdepth 2 -name '*.dist-info' -type d | wc -l)
echo "$infos packages' metadata shipped ($wanted wanted)"
[ "$infos" -ge "$wanted" ]

echo "== window starts and quits by itself"
BONEWISE_QUIT_AFTER_START=1 timeout 60 "$app" --data-dir "$data" | grep -qx "Bonewise window ready" && echo "window ok"
echo "smoke test passed"
