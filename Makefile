# Pantry Desk: `make run` opens the app on the sample pantry, `make test` runs the test suite.
# Both set up everything first: Qt's system libraries (apt), a virtualenv in .venv, the project and its tools.
# `make bundle` builds dist/pantry-desk/ (runs without Python), `make bundle-smoke` checks the built programs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Qt's system libraries: offscreen rendering (tests), then a real window on X11 (the app).
QT_LIBS := libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
X11_LIBS := xvfb xauth xdotool libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 \
	libxcb-shm0 libxcb-xinerama0 libxkbcommon-x11-0
TOOLS := poppler-utils postgresql

.PHONY: run test lint bench screenshot sysdeps sysdeps-test clean bundle bundle-smoke

run: sysdeps $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ]; then \
		$(BIN)/pantry-desk --sample; \
	else \
		echo "No screen found (DISPLAY is not set): starting on a virtual screen with xvfb-run."; \
		xvfb-run -a $(BIN)/pantry-desk --sample; \
	fi

test: sysdeps-test $(STAMP)
	$(BIN)/ruff check pantry ui tests scripts
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Builds (once, cached in bench-out/) the small, large and food-bank databases, then prints the table of figures and
# writes bench-results.json. The first run builds for ~15 minutes on 2 cores; later runs take ~15 minutes.
bench: sysdeps-test $(STAMP)
	$(BIN)/python -m tests.bench.scales
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/bench -s -p no:cacheprovider -o addopts=""

screenshot: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/intake.png

lint: $(STAMP)
	$(BIN)/ruff check pantry ui tests scripts
	$(BIN)/ruff format --check pantry ui tests scripts
	$(BIN)/lint-imports

sysdeps:
	@scripts/ensure-system-packages $(QT_LIBS) $(X11_LIBS)

sysdeps-test:
	@scripts/ensure-system-packages $(QT_LIBS) $(TOOLS)

# The bundle: PyInstaller (the `bundle` extra) and binutils (objdump: PyInstaller reads the libraries' dependencies).
BUNDLE := dist/pantry-desk
BUNDLE_STAMP := $(VENV)/.bundle-installed

bundle: sysdeps-test $(STAMP) $(BUNDLE_STAMP)
	@scripts/ensure-system-packages binutils
	rm -rf $(BUNDLE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/pantry-desk.spec
	@echo "Built $(BUNDLE) ($$(du -sh $(BUNDLE) | cut -f1)): $(BUNDLE)/pantry-desk and $(BUNDLE)/pantry"

bundle-smoke:
	packaging/smoke.sh $(BUNDLE)

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $(BUNDLE_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
