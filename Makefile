# WarrantDesk: `make run` opens the app, `make test` runs every test.
# Both install what they need first (Debian/Ubuntu: apt-get, through sudo
# when not root). See README.md and docs/testing.md.

BIN      := bin/warrantdesk
GO       ?= go
# Fyne logs "Error parsing user locale C" at start-up under the C locale
# (common on servers and CI); give it a real one.
export LANG := en_US.UTF-8

# System packages: Fyne's cgo build (GL and X11 headers); Tesseract with
# English and orientation data for OCR; Xvfb and x11-utils for the
# real-window test, ImageMagick for its screenshot; poppler-utils for the
# pdftotext and pdftoppm references in benchmarks; xdotool clicks in the
# real-window test.
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd \
	xvfb xauth x11-utils xdotool imagemagick poppler-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps check-go bench vet clean devset

# Without ARGS, the demo: the desk on a throwaway folder of fictional
# orders; ./bin/warrantdesk opens your own data.
run: deps build
	./$(BIN) $(or $(ARGS),demo)

test: deps vet
	$(GO) test -race -count=1 -timeout 30m ./...
	# OCR of real and generated scans, without the race detector (too slow
	# under it).
	$(GO) test -count=1 -timeout 20m -run 'TestRun_LabelledRealOrders|TestRun_ScannedGeneratedOrders' ./app/evaluation/
	@$(MAKE) --no-print-directory devset

# Orders written by other hands (../shared/devset, where present), scans
# read by OCR: eval fails under floors a few points below the scores
# reached (docs/extraction.md), a regression guard, not a target.
DEVSET := ../shared/devset
devset: build
	@if [ -d $(DEVSET)/us ] && [ -d $(DEVSET)/intl ]; then \
		./$(BIN) eval --strict --misses 0 --truth $(DEVSET)/us/truth --floor-born-digital 0.90 --floor-scanned 0.90 $(DEVSET)/us/orders && \
		./$(BIN) eval --strict --misses 0 --truth $(DEVSET)/intl/truth --floor-born-digital 0.79 --floor-scanned 0.76 $(DEVSET)/intl/orders; \
	else echo "$(DEVSET) is absent: dev-set evaluation skipped"; fi

build: check-go
	$(GO) build -o $(BIN) .

vet: check-go
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# Benchmarks beside their references; results go to docs/PERFORMANCE.md.
bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 20x ./app/pdftext/ ./app/extract/ ./app/search/
	$(GO) test -run '^$$' -bench . -benchtime 3x ./app/scan/ ./app/ui/

deps: check-go
	@if command -v dpkg >/dev/null 2>&1; then \
		missing=""; \
		for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			echo "Installing:$$missing"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
		fi; \
	else \
		echo "Not a Debian/Ubuntu system: install a C compiler and the OpenGL/X11 headers yourself (see README.md)."; \
	fi

check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Go 1.26 or newer is needed: https://go.dev/dl/ (see README.md)"; exit 1; }

clean:
	rm -rf bin
