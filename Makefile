# Thin wrapper over Meson for the README commands. The real build lives in meson.build.
MESON  ?= meson
BUILD  ?= build

.PHONY: all deps build run test unit bench fuzz format format-check regen clean

all: build

deps:
	@sh scripts/deps.sh

$(BUILD)/build.ninja:
	@$(MESON) setup $(BUILD) --buildtype=debugoptimized >/dev/null

build: deps $(BUILD)/build.ninja
	@ninja -C $(BUILD)

run: build
	@sh scripts/run.sh

unit: build
	@$(MESON) test -C $(BUILD) --print-errorlogs

test: deps
	@sh scripts/test.sh

bench: build
	@sh scripts/bench.sh
	@sh scripts/mapibench.sh

fuzz: deps
	@sh scripts/fuzz.sh $(SECONDS_PER_TARGET)

# Rerun the table generators (tools/gen) after changing their data in tools/gen/data; commit the results.
regen:
	@python3 tools/gen/gen_proptags.py
	@python3 tools/gen/gen_mapi_errors.py

format:
	@git ls-files '*.c' '*.h' | grep -v '_gen\.' | xargs clang-format -i

format-check:
	@git ls-files '*.c' '*.h' | grep -v '_gen\.' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD) build-asan build-fuzz
