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
# real-window test, ImageMagick for its screenshots (read back by
# Tesseract); poppler-utils for the pdftotext and pdftoppm references in
# benchmarks; xdotool types and clicks in the real-window test.
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd \
	tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-por tesseract-ocr-nld \
	tesseract-ocr-pol tesseract-ocr-swe \
	xvfb xauth x11-utils xdotool imagemagick poppler-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# bash, for pipefail: make test filters go test's output, and a failing
# test must still fail the pipeline.
SHELL := bash

# go test -v, less its start-of-test lines: each test shows as it ends, so
# a long run shows its progress, and failures keep all their output.
PROGRESS := grep --line-buffered -v -E '^(=== (RUN|PAUSE|CONT|NAME) |[[:space:]]*$$)'


# Lint tools, pinned, installed by go install into bin/tools.
STATICCHECK_VERSION := v0.8.2
GOCYCLO_VERSION     := v0.6.0
TOOLS               := $(CURDIR)/bin/tools

.PHONY: soak run test build deps check-go bench bench-scale vet lint tools clean fuzz dist dist-linux dist-windows dist-check dist-reproducible dist-deps dist-darwin notices lint-workflows devset

# Fuzz targets (package:function): what a worker sends back, what it is
# asked, our content walk, the extractor, the store's codec and the audit
# trail's verifier. Each runs for FUZZ_BRIEF in
# `make test` and for FUZZTIME in `make fuzz`; inputs that fail are kept
# under the package's testdata/fuzz/ and then run in every `go test`.
FUZZ_TARGETS := ./app/sandbox:FuzzReadFrame ./app/pdftext:FuzzReadReplies ./app/pdftext:FuzzReadRequest \
	./app/pdftext:FuzzContentWalk ./app/render:FuzzReadRequest ./app/extract:FuzzExtract \
	./storage:FuzzCodec ./storage:FuzzVerifyAudit
FUZZ_BRIEF ?= 10s
FUZZTIME ?= 10m
define run_fuzz
	GO=$(GO) .ci/fuzz $(1) $(FUZZ_TARGETS)
endef

# Without ARGS, the demo: the desk on a throwaway folder of fictional
# orders; ./bin/warrantdesk opens your own data.
run: deps build
	./$(BIN) $(or $(ARGS),demo)

test: deps vet lint
	@echo "Every test under the race detector, each listed as it ends (10–20 minutes on 2 cores; see README.md)."
	set -o pipefail; $(GO) test -race -count=1 -timeout 30m -v ./... 2>&1 | $(PROGRESS)
	# OCR of real and generated scans, without the race detector (too slow
	# under it).
	set -o pipefail; $(GO) test -count=1 -timeout 20m -v -run 'TestRun_LabelledRealOrders|TestRun_ScannedGeneratedOrders' ./app/evaluation/ 2>&1 | $(PROGRESS)
	# Pages of 15 and 34 megapixels read from their own images: past what a
	# worker under the race detector may use in memory or time.
	$(GO) test -count=1 -run 'TestScan_OneImagePagesMatchTheirDrawing' ./app/render/
	$(call run_fuzz,$(FUZZ_BRIEF))
	@$(MAKE) --no-print-directory devset

# The kill soak (docs/security.md): an import of SOAK_FILES generated orders
# killed SOAK_KILLS times at random moments; not in make test (about half
# an hour at the defaults).
SOAK_FILES ?= 500
SOAK_KILLS ?= 300
soak: check-go
	WARRANTDESK_SOAK=1 SOAK_FILES=$(SOAK_FILES) SOAK_KILLS=$(SOAK_KILLS) $(GO) test -count=1 -timeout 6h -run '^TestSoak_KillTheImporter$$' -v . | grep -E '^(---|ok|FAIL|PASS)|SOAK:|kill [0-9]+:'

# Longer fuzzing (FUZZTIME per target, 10 min by default); results in
# docs/testing.md.
fuzz: check-go
	$(call run_fuzz,$(FUZZTIME))

# Orders written by other hands (../shared/devset, where present), scans
# read by OCR: eval fails under floors a few points below the scores
# reached (docs/extraction.md), a regression guard, not a target.
DEVSET := ../shared/devset
devset: build
	@if [ -d $(DEVSET)/us ] && [ -d $(DEVSET)/intl ]; then \
		./$(BIN) --timeout 3m eval --strict --misses 0 --truth $(DEVSET)/us/truth --floor-born-digital 0.93 --floor-scanned 0.94 $(DEVSET)/us/orders && \
		./$(BIN) --timeout 3m eval --strict --misses 0 --truth $(DEVSET)/intl/truth --floor-born-digital 0.91 --floor-scanned 0.94 $(DEVSET)/intl/orders; \
	else echo "$(DEVSET) is absent: dev-set evaluation skipped"; fi

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
	$(GO) test -run '^$$' -bench . -benchtime 20x ./app/pdftext/ ./app/extract/ ./app/search/ ./storage/
	$(GO) test -run '^$$' -bench . -benchtime 3x ./app/scan/ ./app/ui/ ./app/casework/

# The scale bench (docs/PERFORMANCE.md): stores of BENCH_CASES cases built
# from 500 generated bases, an import of 500 text PDFs and the OCR of a
# 4-page scan from the shared corpus, each beside its reference in the same
# run; one JSON object in bin/bench-scale.json. Not part of make test.
BENCH_CASES ?= 10000,100000
BENCH_SCAN  := ../shared/corpus/nsl-2013-credo-mobile-13-364689.pdf
bench-scale: deps build
	./$(BIN) bench --cases $(BENCH_CASES) --import 500 $(if $(wildcard $(BENCH_SCAN)),--ocr $(BENCH_SCAN)) --json | tee bin/bench-scale.json

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
	rm -rf bin dist

# Installers (docs/release.md): make dist writes into dist/ the .deb, the
# .tar.xz, the Windows program and its setup.exe, SBOMs, notices and
# SHA256SUMS. What it needs: the cross compiler, NSIS, msitools, the
# checkers; Go tools at pinned versions (not in go.mod: fyne's would
# upgrade Fyne). The first Windows build compiles Fyne's C: 15-30 min here.
DIST_PACKAGES := gcc-mingw-w64-x86-64 nsis msitools wixl osslsigncode appstream desktop-file-utils \
	imagemagick xz-utils file p7zip-full shellcheck xvfb xauth x11-utils xdotool
GOTOOLS := $(shell $(GO) env GOPATH 2>/dev/null)/bin
CYCLONEDX := github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@v1.10.0
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4

dist: deps dist-deps
	.ci/dist/dist.sh all

dist-linux: deps dist-deps
	.ci/dist/dist.sh linux && .ci/dist/dist.sh sums

dist-windows: deps dist-deps
	.ci/dist/dist.sh windows && .ci/dist/dist.sh sums

# After make dist: installs the built .deb into a throwaway root and runs it
# (version, extract, import, the desk under Xvfb); checks the tarball and
# the Windows artefacts.
dist-check: dist-deps
	.ci/dist/check.sh

# After make dist (or dist-linux), on a committed tree: builds the Linux
# artefacts again from a fresh clone with an empty build cache and compares
# them byte for byte.
dist-reproducible: dist-deps
	.ci/dist/reproducible.sh

dist-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(DIST_PACKAGES)"
	@$(GO) version -m $(GOTOOLS)/cyclonedx-gomod 2>/dev/null | grep -q "$(lastword $(subst @, ,$(CYCLONEDX)))" || $(GO) install $(CYCLONEDX)

# macOS only (the release workflow's macos job): the .app and a .dmg.
dist-darwin:
	@$(GO) version -m $(GOTOOLS)/fyne 2>/dev/null | grep -q "$(lastword $(subst @, ,$(FYNE_TOOL)))" || $(GO) install $(FYNE_TOOL)
	FYNE=$(GOTOOLS)/fyne .ci/dist/darwin.sh

# The third-party notices embedded in the binary (assets/): regenerate after
# changing go.mod.
notices:
	$(GO) run ./.ci/dist/notices > assets/THIRD-PARTY-NOTICES.txt.new && mv assets/THIRD-PARTY-NOTICES.txt.new assets/THIRD-PARTY-NOTICES.txt

lint-workflows:
	@$(GO) version -m $(GOTOOLS)/actionlint 2>/dev/null | grep -q "$(lastword $(subst @, ,$(ACTIONLINT)))" || $(GO) install $(ACTIONLINT)
	$(GOTOOLS)/actionlint .github/workflows/*.yml
