# policy-kg: `make run` builds exports/ from seeds/; `make test` runs the tests.
# Both create .venv and install the project on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds -o exports

# Browser tests drive Debian's Chromium with Playwright (never `playwright install`,
# which downloads a browser); fonts-noto-cjk so that Chinese renders. apt runs
# only when they are missing; without root (and no sudo) the tests skip.
browser:
	@if [ -x /usr/bin/chromium ] && [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; \
	elif sudo -n true 2>/dev/null; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; \
	else echo "browser: no /usr/bin/chromium and no root to install it: browser tests will skip"; fi

test: $(STAMP) browser
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache
