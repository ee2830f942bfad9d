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

# Lint tools, pinned, installed by go install into bin/tools.
STATICCHECK_VERSION := v0.8.2
GOCYCLO_VERSION     := v0.6.0
TOOLS               := $(CURDIR)/bin/tools

.PHONY: run test build deps check-go bench vet lint tools clean

# Without ARGS, the demo: the desk on a throwaway folder of fictional
# orders; ./bin/warrantdesk opens your own data.
run: deps build
	./$(BIN) $(or $(ARGS),demo)

test: deps vet lint
	$(GO) test -race -count=1 -timeout 30m ./...
	# OCR of real and generated scans, without the race detector (too slow
	# under it).
	$(GO) test -count=1 -timeout 20m -run 'TestRun_LabelledRealOrders|TestRun_ScannedGeneratedOrders' ./app/evaluation/

build: check-go
	$(GO) build -o $(BIN) .

vet: check-go
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# staticcheck with its doc-comment checks, and no function more complex
# than 15 (gocyclo) unless .ci/gocyclo-baseline.txt lists it with a reason.
# Test files are not measured (see the baseline).
lint: tools
	$(TOOLS)/staticcheck -checks 'inherit,ST1020,ST1021,ST1022' ./...
	$(TOOLS)/gocyclo -over 15 -ignore '_test\.go$$' . | .ci/gocyclo-check .ci/gocyclo-baseline.txt

# Each tool is installed once per pinned version (a stamp file marks it).
tools: $(TOOLS)/.staticcheck-$(STATICCHECK_VERSION) $(TOOLS)/.gocyclo-$(GOCYCLO_VERSION)

$(TOOLS)/.staticcheck-$(STATICCHECK_VERSION): | check-go
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	touch $@

$(TOOLS)/.gocyclo-$(GOCYCLO_VERSION): | check-go
	GOBIN=$(TOOLS) $(GO) install github.com/fzipp/gocyclo/cmd/gocyclo@$(GOCYCLO_VERSION)
	touch $@

# Benchmarks beside their references; results go to docs/PERFORMANCE.md.
bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 20x ./app/pdftext/ ./app/extract/ ./app/search/
	$(GO) test -run '^$$' -bench . -benchtime 3x ./app/scan/ ./app/ui/ ./app/casework/

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
