# Blytz: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
JOBS  ?= $(shell nproc)
REL   := build/release
ASAN  := build/asan
# clang-format 15: the first with InsertBraces, which .clang-format relies on.
CLANG_FORMAT := clang-format-15

.PHONY: all deps build build-asan web run test format format-check fuzz bench clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(REL) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(REL) -j$(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DBLYTZ_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN) -j$(JOBS)

web: deps
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

# Build, migrate ./var/blytz.db, load demo data when it is empty, serve :8080, with Janus
# (video) on loopback beside it (scripts/run.sh; stopped when blytz exits).
run: build web
	@scripts/run.sh $(REL)

# The release build too (what `make run` serves: -O2 sees warnings the debug build does not),
# the sanitizer build, format and layer checks, the web app, then every suite against private
# PostgreSQL, Redis and Janus servers (scripts/test.sh starts and stops them).
test: build build-asan format-check web
	@scripts/test.sh $(ASAN)

format:
	@git ls-files '*.c' '*.h' | xargs $(CLANG_FORMAT) -i

format-check:
	@git ls-files -co --exclude-standard '*.c' '*.h' | xargs $(CLANG_FORMAT) --dry-run -Werror
	@scripts/check-layers.sh .
	@scripts/check-guards.sh
	@echo "format and layer checks passed"

# Real fuzzing with libFuzzer (clang); `make test` only replays the corpora.
fuzz: deps
	@CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DBLYTZ_FUZZ=ON -DBLYTZ_SANITIZE=ON >/dev/null
	@cmake --build build/fuzz -j$(JOBS)
	@echo "run e.g. build/fuzz/fuzz/fuzz_http_request fuzz/corpus/http_request -max_total_time=60"

# HTTP scenario (wrk), then the real-time scenarios (bench/blytz-load) against blytz.
bench: build
	@bench/run.sh $(REL)
	@bench/run-realtime.sh --target blytz --build $(REL)

clean:
	rm -rf build
