#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml): build pressclip in the action's own checkout,
# then run `pressclip validate` in the workspace with the action's inputs, which action.yml
# passes as INPUT_* variables. tests/long/action.test.ts runs it the same way, without GitHub.
set -euo pipefail

checkout=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this script is run by action.yml}

# Fail with one clear line, not a stack trace from a dependency, on a runner's old Node.
if ! node -e 'const [a, b, c] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && (b > 18 || (b === 18 && c >= 1))) ? 0 : 1)'; then
  echo "::error::pressclip needs Node 20.18.1 or later, and this runner has $(node --version): add actions/setup-node before this step"
  exit 2
fi

# The action's checkout is the repository as committed: no dist/ until it is built. No
# registry publication is needed, and no dependency's install script runs.
if [ ! -f "$checkout/dist/bundle/cli.js" ]; then
  echo "::group::Building pressclip in $checkout"
  (cd "$checkout" && npm ci --ignore-scripts --no-audit --no-fund && npm run build)
  echo "::endgroup::"
fi

# Spaces and new lines separate paths; globs stay unexpanded for pressclip.
paths=()
while read -r -a words; do paths+=("${words[@]}"); done <<< "${INPUT_PATHS:-}"
options=()
if [ -n "${INPUT_MAX_WARNINGS:-}" ]; then options+=(--max-warnings "$INPUT_MAX_WARNINGS"); fi
pressclip() { node "$checkout/bin/pressclip.cjs" "$@"; }

if [ -n "${INPUT_SARIF_FILE:-}" ]; then
  mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
  # Problems found (exit 1) are what the report is for; only a usage error (2) stops here.
  status=0
  pressclip validate "${paths[@]}" --format sarif > "$INPUT_SARIF_FILE" || status=$?
  if [ "$status" -ge 2 ]; then exit "$status"; fi
fi
pressclip validate "${paths[@]}" --format "${INPUT_FORMAT:-github}" "${options[@]}"
