# l2sim: the two commands (`make demo`, `make test`) and the longer targets behind their own names.
# Python always runs as /usr/bin/python3: Debian's interpreter sees Debian's h5py/numpy/scipy/matplotlib/xarray.
PY       := /usr/bin/python3
# The default study's Lightning rows: sweeps of the agent-based `lightning` model over the attacker's
# budget (scenarios/lightning/), revoked-state censorship by withholding, feather fork and private
# race each its own row; congestion, pinning and replacement_cycling also draw the figures.
LIGHTNING := revoked_censorship revoked_censorship_feather_fork revoked_censorship_private_race bribery congestion flood_and_loot time_dilation pinning replacement_cycling
# The default study's design rows: the attack planner on every design file at the top of designs/
# (scenarios/study_default.toml run once per file, DESIGN_RUNS runs each), into results/design_NAME.h5.
DESIGNS  := $(sort $(notdir $(basename $(wildcard designs/*.toml))))
DESIGN_RUNS ?= 30
DESIGN_RESULTS = $(DESIGNS:%=results/design_%.h5)
BUILD    := build
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
L2SIM    := $(BUILD)/l2sim
APT_PKGS := g++ cmake make pkg-config git libboost-graph-dev libeigen3-dev libtbb-dev libhdf5-dev libjemalloc-dev \
            catch2 libtomlplusplus-dev libcli11-dev libfmt-dev librandom123-dev hdf5-tools \
            libopenmpi-dev openmpi-bin \
            python3-h5py python3-numpy python3-scipy python3-matplotlib python3-xarray \
            python3-h5netcdf python3-pytest python3-pandas \
            python3-jinja2 python3-nbformat python3-nbclient python3-ipykernel chromium
# Only `make bench` needs these (ns-3's PHOLD baseline); a fresh `make test` does not download them.
BENCH_PKGS := libns3-dev

.PHONY: all deps bench-deps install-missing build test demo design-study lightning-study lightning-figures report report-files validate bench figures clean format fuzz

all: build

# Installs only what is missing; prints one line and does nothing when everything is present.
deps:
	@$(MAKE) --no-print-directory install-missing PKGS="$(APT_PKGS)" WHAT=deps

bench-deps:
	@$(MAKE) --no-print-directory install-missing PKGS="$(BENCH_PKGS)" WHAT=bench-deps

install-missing:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "$(WHAT): all present"; \
	else echo "$(WHAT): installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@mkdir -p results
	@$(MAKE) --no-print-directory design-study
	@$(MAKE) --no-print-directory lightning-study
	$(PY) analysis/inherited_cost.py $(DESIGN_RESULTS) $(LIGHTNING:%=results/lightning_%.h5) -o results \
	  --refine adversary.thief.bribe_btc --l2sim $(L2SIM) --threads $(JOBS)
	$(PY) analysis/headline_table.py results/inherited_cost.csv > results/headline.md
	$(L2SIM) run scenarios/world/claim_window.toml --overwrite --threads $(JOBS) --progress none -o results/claim_window.h5
	$(L2SIM) sweep scenarios/study_demo.toml --overwrite --threads $(JOBS) -o results/study_demo.h5 --progress none
	$(PY) analysis/figures/fig_double_spend.py results/study_demo.h5 -o results/fig_demo
	@$(MAKE) --no-print-directory lightning-figures
	@$(MAKE) --no-print-directory report-files
	@echo "demo: results/design_*.h5, results/lightning_*.h5, results/inherited_cost.{csv,md}, results/headline.md, results/claim_window.h5, results/fig_inherited_cost.{pdf,png}, results/fig_design_map.{pdf,png}, results/fig_demo.{pdf,png}, results/fig_lightning_{theft_cost,pinning,cycling}.{pdf,png}, results/sensitivity.csv, results/report/index.{html,pdf}"

# The design part of the default study: the planner on each design file (scenarios/study_default.toml
# with design.file set), DESIGN_RUNS runs per design.
design-study:
	@mkdir -p results
	@for d in $(DESIGNS); do \
	  $(L2SIM) run scenarios/study_default.toml --set "design.file=\"designs/$$d.toml\"" -n $(DESIGN_RUNS) \
	    --overwrite --threads $(JOBS) --progress none -o results/design_$$d.h5 || exit 1; done

# The Lightning part of the default study: one sweep per attack (272 s of CPU, about 2 1/4 minutes
# on 2 idle cores), and the three figures drawn from three of them.
lightning-study:
	@mkdir -p results
	@for s in $(LIGHTNING); do \
	  $(L2SIM) sweep scenarios/lightning/$$s.toml --overwrite --threads $(JOBS) --progress none -o results/lightning_$$s.h5 || exit 1; done

lightning-figures:
	$(PY) analysis/figures/fig_lightning_theft_cost.py results/lightning_congestion.h5 -o results/fig_lightning_theft_cost
	$(PY) analysis/figures/fig_lightning_pinning.py results/lightning_pinning.h5 -o results/fig_lightning_pinning
	$(PY) analysis/figures/fig_lightning_cycling.py results/lightning_replacement_cycling.h5 -o results/fig_lightning_cycling

# The Layer2 security report (results/report/index.html and index.pdf) from the runs of `make demo`
# (run first when its table is missing): Sobol sensitivity per real system (systems/*.toml), the
# watcher-latency screen (each system design's first 10 runs again with 10x slower watchers), then
# the jinja2 page printed by headless chromium.
REPORT_RESULTS = $(DESIGN_RESULTS) $(LIGHTNING:%=results/lightning_%.h5)
report: build
	@if [ -f results/inherited_cost.csv ]; then $(MAKE) --no-print-directory report-files; \
	else $(MAKE) --no-print-directory demo; fi

report-files:
	$(PY) analysis/sensitivity.py $(REPORT_RESULTS) -o results --table results/inherited_cost.csv --l2sim $(L2SIM) --threads $(JOBS)
	$(PY) analysis/latency_screen.py $(DESIGN_RESULTS) -o results --l2sim $(L2SIM) --threads $(JOBS)
	$(PY) analysis/report.py --results results -o results/report

validate: build
	$(BUILD)/l2sim_tests "[.statistical]" --reporter compact

# PHOLD beside a reference heap and ns-3 (libns3-dev), the models' speed, thread/shard/MPI scaling.
# BENCH_ARGS selects sections (phold, models, scaling) and --quick. The benchmarks are outside the
# default build; the configure step is re-run so that a just-installed ns-3 is found.
bench: build bench-deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target l2sim_bench
	$(BUILD)/l2sim_bench $(BENCH_ARGS)

figures: build
	@mkdir -p results
	$(PY) analysis/make_figures.py --l2sim $(L2SIM) --out results

# libFuzzer on the scenario reader (clang++ only, its own build tree): FUZZ_SECONDS of fuzzing from
# a corpus seeded with every scenario and every bad scenario; a crash leaves crash-* in build-fuzz/.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v clang++ >/dev/null || { echo "fuzz: needs clang++ (apt-get install clang)"; exit 1; }
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@mkdir -p build-fuzz/corpus
	@cp scenarios/*.toml scenarios/*/*.toml tests/scenarios_bad/*.toml build-fuzz/corpus/
	cd build-fuzz && ./scenario_reader_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=4096 -print_final_stats=1 corpus

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) build-debug build-asan build-fuzz

# Mass exits of Ark and Lightning in the same blocks (model `mass_exit`): the sweep
# scenarios/mass_exit/mass_exits.toml and its figure results/fig_mass_exit.{pdf,png}.
.PHONY: mass-exit-figure
mass-exit-figure: build
	@mkdir -p results
	$(L2SIM) sweep scenarios/mass_exit/mass_exits.toml --overwrite --threads $(JOBS) --progress none -o results/mass_exits.h5
	$(PY) analysis/figures/fig_mass_exit.py results/mass_exits.h5 -o results/fig_mass_exit
