#!/usr/bin/env bash
# Install the pinned npm validators of the tests into .tools/node (git-ignored), from
# tools/node/package.json and its lock file, and put them at stable paths:
#   .tools/node/ace         DAISY Ace, the EPUB accessibility checker, run with the system's
#                           Chromium (PUPPETEER_EXECUTABLE_PATH; no browser is downloaded)
#   .tools/node/axe.min.js  axe-core, to inject into a page
#   .tools/node/vnu.jar     the Nu HTML Checker (java -jar .tools/node/vnu.jar)
# Needs node and npm (tools/install-system-tools.sh node). Does nothing when the installed
# tools are those of the lock file. To change a version: edit tools/node/package.json, run
# `npm install --package-lock-only` in tools/node (its .npmrc keeps download addresses out of
# the lock file), and commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."

manifest=tools/node
target=.tools/node
stamp=$target/.installed

installed() {
  [ -f "$stamp" ] && cmp -s "$manifest/package-lock.json" "$stamp" &&
    [ -e "$target/ace" ] && [ -e "$target/axe.min.js" ] && [ -e "$target/vnu.jar" ]
}
if installed; then
  exit 0
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "install-node-tools: $tool is missing (bash tools/install-system-tools.sh node installs it)" >&2
    exit 1
  fi
done

echo "Installing the npm test tools into $target (DAISY Ace, axe-core, vnu-jar)"
rm -f "$stamp"
mkdir -p "$target"
cp "$manifest/package.json" "$manifest/package-lock.json" "$manifest/.npmrc" "$target/"
(cd "$target" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

ln -sfn node_modules/axe-core/axe.min.js "$target/axe.min.js"
ln -sfn node_modules/vnu-jar/build/dist/vnu.jar "$target/vnu.jar"
cat >"$target/ace" <<'SCRIPT'
#!/usr/bin/env bash
# DAISY Ace with the system's Chromium (written by tools/install-node-tools.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
  PUPPETEER_EXECUTABLE_PATH="$(command -v chromium || true)"
  if [ -z "$PUPPETEER_EXECUTABLE_PATH" ]; then
    echo "ace: no chromium (bash tools/install-system-tools.sh chromium installs it)" >&2
    exit 1
  fi
  export PUPPETEER_EXECUTABLE_PATH
fi
exec "$here/node_modules/.bin/ace-puppeteer" "$@"
SCRIPT
chmod +x "$target/ace"

for path in ace axe.min.js vnu.jar; do
  if [ ! -e "$target/$path" ]; then
    echo "install-node-tools: $target/$path is missing after the install" >&2
    exit 1
  fi
done
cp "$manifest/package-lock.json" "$stamp"
