#!/usr/bin/env bash
# Vendor the front-end libraries from the npm registry into app/static/vendor/ (no CDN at run time).
# Run by `make vendor`; the copied files are committed, so `make run` and CI need no npm.
set -euo pipefail
ECHARTS_VERSION="${ECHARTS_VERSION:-6.1.0}"
SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
DEST="$(cd "$(dirname "$0")/.." && pwd)/app/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

unpack() {  # unpack NAME VERSION: npm pack the exact version and untar it into $WORK/NAME
  (cd "$WORK" && npm pack --silent "$1@$2" >/dev/null)
  mkdir -p "$WORK/$1"
  tar -xzf "$WORK/$1-$2.tgz" -C "$WORK/$1" --strip-components=1
}

unpack echarts "$ECHARTS_VERSION"
unpack swagger-ui-dist "$SWAGGER_UI_VERSION"
mkdir -p "$DEST/echarts" "$DEST/swagger-ui"
cp "$WORK/echarts/dist/echarts.min.js" "$WORK/echarts/LICENSE" "$DEST/echarts/"
cp "$WORK/swagger-ui-dist/swagger-ui-bundle.js" "$WORK/swagger-ui-dist/swagger-ui.css" "$DEST/swagger-ui/"
cp "$WORK/swagger-ui-dist/LICENSE" "$DEST/swagger-ui/"
cat > "$DEST/VERSIONS.txt" <<TXT
# Written by scripts/vendor.sh (make vendor); do not edit by hand.
echarts $ECHARTS_VERSION Apache-2.0 (npm: echarts, dist/echarts.min.js)
swagger-ui-dist $SWAGGER_UI_VERSION Apache-2.0 (npm: swagger-ui-dist, swagger-ui-bundle.js, swagger-ui.css)
TXT
echo "vendored into $DEST:"; cat "$DEST/VERSIONS.txt"
