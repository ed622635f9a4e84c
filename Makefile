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
#   make EVALFILE_SMALL=<path>  embed another small net (empty: none)
#   make TUNE=1               tuning build: search tunables as UCI options (own build folder)
#   make pgo                  profile-guided build in build-pgo/ (trained on bench and perft)
#   make reference-nets       fetch the nets the tests compare against into nets/
#   make fuzz                 libFuzzer targets (tests/fuzz) under ASan + UBSan, with clang, in build-fuzz/
#   make fuzz-smoke           build them, then run each FUZZ_SECONDS (30) from its seeds
ARCH     ?= native
SANITIZE ?=
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?=
TUNE     ?=
comma    := ,

ifeq ($(ARCH)$(SANITIZE)$(TUNE),native)
  BUILD_DIR ?= build
else
  BUILD_DIR ?= build-$(ARCH)$(if $(SANITIZE),-san-$(subst $(comma),-,$(SANITIZE)))$(if $(TUNE),-tune)
endif
BUILD_TYPE := $(if $(SANITIZE),RelWithDebInfo,Release)
# The net of a role in nets/manifest.txt, or nothing when no net has that role.
manifest_net = $(addprefix nets/,$(shell awk '$$4 == "$(1)" { print $$1; exit }' nets/manifest.txt))
DEFAULT_NET := $(call manifest_net,default-big)
DEFAULT_NET_SMALL := $(call manifest_net,default-small)
EVALFILE ?= $(DEFAULT_NET)
EVALFILE_SMALL ?= $(DEFAULT_NET_SMALL)
NET_FLAGS = -DCORVID_EVALFILE=$(abspath $(EVALFILE)) \
	  -DCORVID_EVALFILE_SMALL=$(if $(EVALFILE_SMALL),$(abspath $(EVALFILE_SMALL)),)

.PHONY: all build test run setup clean configure net maybe-net reference-nets onnxruntime fuzz fuzz-smoke pgo

all: build
ifneq ($(EXE),)
	cp $(BUILD_DIR)/corvid $(EXE)
endif

configure: maybe-net
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DCORVID_ARCH=$(ARCH) -DCORVID_SANITIZE=$(SANITIZE) $(NET_FLAGS) \
	  -DCORVID_TUNE=$(if $(TUNE),ON,OFF) -DCORVID_PGO=

net:
	bash scripts/get-net.sh

# The build goes on without the default nets (with a warning) when they cannot be fetched.
maybe-net:
	@bash scripts/get-net.sh || echo "warning: default nets missing; building without them" >&2

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Tests that need a reference net skip it (with a warning) when it cannot be fetched,
# unless CORVID_REQUIRE_NETS=1 (CI), which makes a missing net a failure.
test: setup build reference-nets onnxruntime
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

reference-nets:
	@bash scripts/get-reference-nets.sh || \
	  { [ "$$CORVID_REQUIRE_NETS" != 1 ] && echo "warning: reference nets missing; their tests will skip" >&2; }

# onnxruntime-node for the ONNX export tests (npm, cached); they skip without it unless
# CORVID_REQUIRE_NETS=1.
onnxruntime:
	@bash scripts/get-onnxruntime.sh >/dev/null || \
	  { [ "$$CORVID_REQUIRE_NETS" != 1 ] && echo "warning: onnxruntime-node missing; the ONNX runtime tests will skip" >&2; }

setup:
	bash scripts/setup.sh

# Fuzzing (tests/fuzz): every source under -fsanitize=fuzzer-no-link,address,undefined,
# each target linked with libFuzzer. No embedded net (the targets make their own).
FUZZ_DIR     ?= build-fuzz
FUZZ_TARGETS := fen uci nnue book syzygy_path
FUZZ_SECONDS ?= 30

fuzz:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCORVID_FUZZ=ON \
	  -DCORVID_BUILD_TESTS=OFF -DCORVID_ARCH=$(ARCH) -DCORVID_EVALFILE= -DCORVID_EVALFILE_SMALL=
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz

# Each target FUZZ_SECONDS from its committed corpus; fails when any of them finds something.
fuzz-smoke: fuzz
	@status=0; for t in $(FUZZ_TARGETS); do \
	  CORVID_FUZZ_BUILD=$(FUZZ_DIR) bash scripts/fuzz.sh $$t $(FUZZ_SECONDS) || status=1; done; exit $$status

# Profile-guided build: instrument, train (bench with the embedded net, bench with Stockfish
# 15.1's net when nets/ has it, perft), rebuild with the profiles. The binary is
# $(PGO_DIR)/corvid (and $(EXE) when given); the bench signature is unchanged.
PGO_DIR ?= build-pgo$(if $(filter native,$(ARCH)),,-$(ARCH))
PGO_CMAKE = cmake -S . -B $(PGO_DIR) -DCMAKE_BUILD_TYPE=Release -DCORVID_ARCH=$(ARCH) -DCORVID_BUILD_TESTS=OFF $(NET_FLAGS)
pgo: maybe-net
	$(PGO_CMAKE) -DCORVID_PGO=generate
	find $(PGO_DIR) -name '*.gcda' -delete
	cmake --build $(PGO_DIR) -j $(JOBS) --target corvid
	$(PGO_DIR)/corvid bench 12 >/dev/null
	if [ -f nets/nn-ad9b42354671.nnue ]; then $(PGO_DIR)/corvid bench 12 1 16 --net nets/nn-ad9b42354671.nnue >/dev/null; fi
	$(PGO_DIR)/corvid perft 5 >/dev/null
	$(PGO_CMAKE) -DCORVID_PGO=use
	cmake --build $(PGO_DIR) -j $(JOBS) --target corvid
ifneq ($(EXE),)
	cp $(PGO_DIR)/corvid $(EXE)
endif

run: setup build
	./$(BUILD_DIR)/corvid

clean:
	rm -rf build build-*
