#!/usr/bin/env bash
# Smoke test of the built bundle (`make bundle-smoke`, run by CI after `make bundle`): the programs in
# dist/pantry-desk/ run by themselves, in an empty environment (no PATH to Python, no PYTHONPATH, no venv), on a
# fresh data folder. They create a database, import an item and record a donation through `pantry`, read the stock
# back, print a label, export reports, add a user with a PIN, back up and verify, then open the window offscreen on
# that database and quit.
#
#   packaging/smoke.sh [BUNDLE_DIR]      (default: dist/pantry-desk)
set -euo pipefail

BUNDLE="$(cd "${1:-dist/pantry-desk}" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/smoke-pantry.sqlite"

for program in pantry pantry-desk; do
  [ -x "$BUNDLE/$program" ] || { echo "smoke: $BUNDLE/$program is missing or not executable" >&2; exit 1; }
done

# Only what a desktop session would give: a home, a data folder, a UTF-8 locale, an offscreen Qt, and a PATH with
# nothing on it (so no Python to fall back on).
run() {
  env -i HOME="$WORK/home" PANTRY_DATA_DIR="$WORK/data" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$WORK/runtime" PATH="$WORK/empty-path" "$@"
}
mkdir -p "$WORK/home" "$WORK/data" "$WORK/runtime" "$WORK/empty-path"
chmod 700 "$WORK/runtime"
step() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

step "version"
version="$(run "$BUNDLE/pantry" --version)"
[ "$(run "$BUNDLE/pantry-desk" --version)" = "pantry-desk ${version#pantry }" ] || fail "the two programs disagree on the version"
echo "  $version"

step "create the database (migrations from inside the bundle)"
run "$BUNDLE/pantry" --db "$DB" init --name "Smoke Test Pantry" || fail "pantry init"

step "import an item and record a donation"
printf '%s\n' \
  "sku,name,category,unit,unit_weight_kg,unit_weight_lb,unit_value,storage,date_kind,shelf_life_days,par_level,barcodes,tags" \
  "CAFE,Café crème €,Drinks,each,0.25,,3.50,dry,best_by,365,,,"  > "$WORK/items.csv"
printf '%s\n' \
  "date,donor,item,quantity,weight_kg,weight_lb,expires,location,note" \
  "2026-01-15,Łukasz Ő,CAFE,12,,,2027-01-31,,smoke test" > "$WORK/donations.csv"
run "$BUNDLE/pantry" --db "$DB" import items "$WORK/items.csv" || fail "pantry import items"
run "$BUNDLE/pantry" --db "$DB" import donations "$WORK/donations.csv" || fail "pantry import donations"

step "stock shows the donation"
stock="$(run "$BUNDLE/pantry" --db "$DB" stock --format csv)" || fail "pantry stock"
echo "$stock" | sed 's/^/  /'
echo "$stock" | grep -q "Café crème €" || fail "the donated item is not in the stock"
echo "$stock" | grep "Café crème €" | grep -q ",12," || fail "the stock does not show the 12 donated"

step "print labels (ReportLab, the bundled fonts) and export a report (openpyxl, platypus)"
run "$BUNDLE/pantry" --db "$DB" labels --all-in-stock --layout avery-5160 -o "$WORK/labels.pdf" || fail "pantry labels"
head -c 5 "$WORK/labels.pdf" | grep -q "%PDF-" || fail "labels.pdf is not a PDF"
grep -aq "DejaVuSansCondensed" "$WORK/labels.pdf" || fail "labels.pdf does not embed the bundled font"
today="$(date +%F)"
run "$BUNDLE/pantry" --db "$DB" report stock --as-of "$today" -o "$WORK/stock.xlsx" || fail "pantry report stock (xlsx)"
head -c 2 "$WORK/stock.xlsx" | grep -q "PK" || fail "stock.xlsx is not an XLSX file"
run "$BUNDLE/pantry" --db "$DB" report stock --as-of "$today" -o "$WORK/stock.pdf" || fail "pantry report stock (pdf)"
head -c 5 "$WORK/stock.pdf" | grep -q "%PDF-" || fail "stock.pdf is not a PDF"

step "a volunteer with a PIN (argon2, a compiled library) and a backup"
run "$BUNDLE/pantry" --db "$DB" user add --role volunteer Vic || fail "pantry user add"
echo 2468 | run "$BUNDLE/pantry" --db "$DB" user pin Vic || fail "pantry user pin"
run "$BUNDLE/pantry" --db "$DB" user list | grep -Eq "^Vic +volunteer +yes +yes" || fail "Vic has no PIN"
run "$BUNDLE/pantry" --db "$DB" backup -o "$WORK/backup.sqlite" || fail "pantry backup"

step "the database checks out"
run "$BUNDLE/pantry" --db "$DB" verify || fail "pantry verify"

step "open the window offscreen on that database"
run "$BUNDLE/pantry-desk" --db "$DB" --quit-after-ms 1500 || fail "pantry-desk did not start, show its window and exit 0"

step "in Spanish: the window and its catalogues (ours and Qt's own dialogs'), and the PDF accelerator"
run "$BUNDLE/pantry-desk" --db "$DB" --lang es --quit-after-ms 1500 || fail "pantry-desk --lang es did not start"
find "$BUNDLE" -name "qtbase_es.qm" | grep -q . || fail "Qt's Spanish catalogue (qtbase_es.qm) is not in the bundle"
find "$BUNDLE" -name "window-desk.mo" -path "*es*" | grep -q . || fail "the window's Spanish catalogue is not in the bundle"
find "$BUNDLE" -name "_rl_accel*" | grep -q . || fail "ReportLab's accelerator (_rl_accel) is not in the bundle"

echo "smoke: OK ($(du -sh "$BUNDLE" | cut -f1) in $BUNDLE)"
