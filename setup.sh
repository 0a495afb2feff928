#!/usr/bin/env bash
# Set up vndoc on a fresh machine: system packages (when run as root), a virtualenv in .venv,
# and the package with its development tools, at the versions pinned in constraints.txt.
set -euo pipefail
cd "$(dirname "$0")"

# libreoffice-writer-nogui: headless soffice, the converter behind RTF and Word 97-2003 .doc input.
# tesseract-ocr-vie: Tesseract's Vietnamese model for OCR (the engine itself comes with the tesserocr wheel);
# tesseract-ocr: the tesseract command, the baseline of the OCR speed benchmark
system_packages=(fonts-dejavu-core fonts-liberation2 poppler-utils libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie)
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

# OCR model: the integerised tessdata_best Vietnamese model, which reads scans more accurately than the
# tessdata_fast one that distributions ship (see README, "Scans and images"). npm is one way to fetch it
# (package @tesseract.js-data/vie, folder 4.0.0_best_int); without npm, or offline, vndoc falls back to the
# system's model. It goes where vndoc looks first: <environment>/share/vndoc/tessdata.
best_model=.venv/share/vndoc/tessdata/vie.traineddata
best_model_sha256=112f6fd1d04ab4cb0208cad9cada8de214ae33a1e4db3750ffcda69262aef0a8
if [ ! -s "$best_model" ] && command -v npm >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    if (cd "$tmp" && npm pack --silent @tesseract.js-data/vie@1.0.0 >/dev/null 2>&1) \
        && tar -xzf "$tmp/tesseract.js-data-vie-1.0.0.tgz" -C "$tmp" package/4.0.0_best_int/vie.traineddata.gz \
        && gunzip -c "$tmp/package/4.0.0_best_int/vie.traineddata.gz" >"$tmp/vie.traineddata" \
        && echo "$best_model_sha256  $tmp/vie.traineddata" | sha256sum -c --quiet -; then
        mkdir -p "$(dirname "$best_model")"
        mv "$tmp/vie.traineddata" "$best_model"
    else
        echo "setup.sh: could not fetch the tessdata_best Vietnamese model with npm; OCR uses the system's model" >&2
    fi
    rm -rf "$tmp"
fi
