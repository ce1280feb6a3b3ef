# ScaleLab: `make serve` to run the app, `make test` to run every check, `make bench` for figures.
# Each target first installs whatever is missing (and skips what is already there).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

WASM := --target wasm32-unknown-unknown
# Browser tests: wasm-bindgen's runner drives headless Chromium through ChromeDriver.
BROWSER_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180

.PHONY: serve test bench setup-build setup-test fmt-check clippy test-native test-browser \
	build-release e2e

serve: setup-build
	trunk serve --skip-version-check --offline

test: setup-test fmt-check clippy test-native test-browser build-release e2e
	@echo "make test: every check passed"

setup-build:
	@tools/ensure.sh build

setup-test:
	@tools/ensure.sh test

fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets $(WASM) -- -D warnings

test-native:
	cargo test --workspace --all-targets

test-browser:
	$(BROWSER_ENV) cargo test $(WASM) --test browser

# Two release builds: one served at the site root, one under the sub-path GitHub Pages uses.
build-release:
	trunk build --release --offline --skip-version-check
	trunk build --release --offline --skip-version-check --public-url /scalelab/ --dist target/dist-pages
	@tools/wasm-size.sh dist

e2e:
	cd tests/e2e && playwright test

bench: setup-test build-release
	@mkdir -p target/bench
	cargo bench --bench scalelab | tee target/bench/native.log
	@echo "== wasm flat out (headless Chromium, release profile, wasm-opt as the app ships)"
	$(BROWSER_ENV) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CURDIR)/tools/shipped-wasm-runner.sh \
		cargo test --release $(WASM) --test wasm_bench -- --nocapture wasm_speed 2>&1 | grep '^wasm/' | tee target/bench/wasm.log
	@echo "== browser (headless Chromium, release build)"
	node tests/e2e/bench-drag.mjs | tee target/bench/drag.json
	node tests/e2e/bench-app.mjs 3 tti,worker,page,phone,drag,memory | tee target/bench/app.json
	@echo "== in app against flat out, in turn: the same workload, five pairs"
	@rm -f target/bench/pairs.log
	@for i in 1 2 3 4 5; do \
		$(BROWSER_ENV) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CURDIR)/tools/shipped-wasm-runner.sh \
			cargo test --release $(WASM) --test wasm_bench -- --nocapture wasm_app_workload 2>&1 \
			| grep '^wasm/chapter_final_300s' | tee -a target/bench/pairs.log; \
		node tests/e2e/bench-app.mjs 1 speed | tee -a target/bench/pairs.log; \
	done
	@echo "== what the second language costs (a second release build without the Korean catalogue)"
	tools/language-cost.sh dist | tee target/bench/language.log
	@echo "== the table (also in target/bench/results.json)"
	node tools/bench-table.mjs target/bench dist
