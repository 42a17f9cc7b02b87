# The README's two commands: `make run` and `make test`. Both install what they need first.
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
GENERATOR := -G Ninja
JOBS ?= $(shell nproc)

FUZZ_DIR ?= build-fuzz

.PHONY: deps build run test test-asan bench soak demo fuzz clean

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p data mnt/downloads mnt/music
	./$(BUILD_DIR)/soulspot serve

test: deps
	@./scripts/run-tests.sh

bench: build
	@./scripts/run-bench.sh

# The soak test (bench/soak/README.md): the real binary against the fake slskd with kills, flapping and 32
# polling clients for SOAK_SECONDS (default 300) on SOAK_DB (sqlite, postgres or both; default both).
SOAK_DB ?= both
soak: deps
	@cmake -S . -B $(BUILD_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target soulspot
	@python3 bench/soak/soak.py --db $(SOAK_DB) --binary $(BUILD_DIR)/soulspot

# libFuzzer over every parser of outside data (fuzz/README.md): installs clang, builds in $(FUZZ_DIR), runs each
# target FUZZ_SECONDS (default 60) one after another; crashes are kept in fuzz/regressions/<target>/.
fuzz:
	@./scripts/install-deps.sh --fuzz
	@FUZZ_DIR=$(FUZZ_DIR) ./scripts/run-fuzz.sh

# The service wired to the test fakes with a sample playlist (scripts/demo.sh); Ctrl-C stops it.
demo: build
	@./scripts/demo.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
