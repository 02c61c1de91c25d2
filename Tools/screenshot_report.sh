#!/usr/bin/env bash
# Renders a `facet experiment` report.html in headless Chromium and saves a PNG screenshot, to look at the page as a
# reader would (not part of CI). Debian: apt-get install -y chromium.
# Usage: Tools/screenshot_report.sh <report.html> [<screenshot.png>] [<width>x<height>]
set -euo pipefail
report="${1:?usage: $0 <report.html> [<screenshot.png>] [<width>x<height>]}"
shot="${2:-${report%.html}.png}"
size="${3:-1400x2000}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "no chromium found; on Debian: apt-get install -y chromium" >&2; exit 69; }
[ -f "$report" ] || { echo "$report: no such file" >&2; exit 66; }
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$shot" --window-size="${size/x/,}" "$url" 2>/dev/null
echo "$shot"
