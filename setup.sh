#!/usr/bin/env bash
# Set up vndoc on a fresh machine: system packages (when run as root), a virtualenv in .venv,
# and the package with its development tools, at the versions pinned in constraints.txt.
set -euo pipefail
cd "$(dirname "$0")"

# libreoffice-writer-nogui: headless soffice, the converter behind RTF and Word 97-2003 .doc input.
system_packages=(fonts-dejavu-core fonts-liberation2 poppler-utils libreoffice-writer-nogui)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing=()
    for pkg in "${system_packages[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
else
    echo "setup.sh: not root; make sure these system packages are installed: ${system_packages[*]}" >&2
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e '.[dev]'
