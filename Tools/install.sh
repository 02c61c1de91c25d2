#!/usr/bin/env bash
# Installs facet with its man page and shell completions under PREFIX (default /usr/local):
#   PREFIX/bin/facet
#   PREFIX/share/man/man1/facet.1 and one page per subcommand (facet.parse.1, ...), from swift-argument-parser's
#     generate-manual plugin, so `man facet` and `man facet.experiment` show the --help text
#   PREFIX/share/bash-completion/completions/facet, PREFIX/share/zsh/site-functions/_facet,
#   PREFIX/share/fish/vendor_completions.d/facet.fish
# Usage: Tools/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-${PREFIX:-/usr/local}}
swift build -c release --product facet >&2
manuals=$(mktemp -d)
trap 'rm -rf "$manuals"' EXIT
swift package --allow-writing-to-directory "$manuals" generate-manual --multi-page --output-directory "$manuals" >&2
install -D -m 755 .build/release/facet "$prefix/bin/facet"
for page in "$manuals"/*.1; do install -D -m 644 "$page" "$prefix/share/man/man1/$(basename "$page")"; done
completions() { "$prefix/bin/facet" --generate-completion-script "$1"; }
mkdir -p "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
completions bash > "$prefix/share/bash-completion/completions/facet"
completions zsh > "$prefix/share/zsh/site-functions/_facet"
completions fish > "$prefix/share/fish/vendor_completions.d/facet.fish"
echo "installed facet, $(ls "$manuals" | wc -l) man pages and bash, zsh and fish completions under $prefix" >&2
