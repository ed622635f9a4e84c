# Thin wrapper over CMake, in the shape match-runner clients (OpenBench) expect:
#   make                      build build/corvid (native flavour)
#   make ARCH=x86-64-avx2     pick an instruction-set flavour (own build folder)
#   make EXE=/path/to/corvid  also copy the binary there
#   make test                 build and run the whole test suite through ctest
#   make test SANITIZE=address,undefined   the same under sanitizers
#   make test CTEST_ARGS='-R uci'          only some tests (ctest arguments)
#   make run                  set up a fresh Debian/Ubuntu machine, build, start UCI
#   make net                  fetch the default net into nets/ (sha256-checked)
#   make EVALFILE=<path>      embed another net instead of the default one
#   make reference-nets       fetch the nets the tests compare against into nets/
ARCH     ?= native
SANITIZE ?=
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?=
comma    := ,

ifeq ($(ARCH)$(SANITIZE),native)
  BUILD_DIR ?= build
else
  BUILD_DIR ?= build-$(ARCH)$(if $(SANITIZE),-san-$(subst $(comma),-,$(SANITIZE)))
endif
BUILD_TYPE := $(if $(SANITIZE),RelWithDebInfo,Release)
DEFAULT_NET := nets/$(shell grep -v '^\#' nets/manifest.txt | head -n 1 | cut -d' ' -f1)
EVALFILE ?= $(DEFAULT_NET)

.PHONY: all build test run setup clean configure net maybe-net reference-nets

all: build
ifneq ($(EXE),)
	cp $(BUILD_DIR)/corvid $(EXE)
endif

configure: maybe-net
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DCORVID_ARCH=$(ARCH) -DCORVID_SANITIZE=$(SANITIZE) -DCORVID_EVALFILE=$(abspath $(EVALFILE))

net:
	bash scripts/get-net.sh

# The build goes on without the default net (with a warning) when it cannot be fetched.
maybe-net:
ifeq ($(EVALFILE),$(DEFAULT_NET))
	@bash scripts/get-net.sh || echo "warning: no default net; building without an embedded net" >&2
endif

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Tests that need a reference net skip it (with a warning) when it cannot be fetched,
# unless CORVID_REQUIRE_NETS=1 (CI), which makes a missing net a failure.
test: setup build reference-nets
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

reference-nets:
	@bash scripts/get-reference-nets.sh || \
	  { [ "$$CORVID_REQUIRE_NETS" != 1 ] && echo "warning: reference nets missing; their tests will skip" >&2; }

setup:
	bash scripts/setup.sh

run: setup build
	./$(BUILD_DIR)/corvid

clean:
	rm -rf build build-*
