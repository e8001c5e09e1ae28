# Puts Node.js 24 first on PATH when the `node` found there is older than
# 22.12 (the oldest Node that `ai` and `@ai-sdk/*` accept; the project is
# tested on 24). Node's official build comes from the npm registry, which
# publishes it as the package node-<os>-<arch> (bin/node and the headers, no
# npm): it works on a machine that reaches no other download site. The machine's
# own npm keeps working; with this PATH it runs on Node 24.
#
#   source scripts/use-node-24.sh     # in bash or sh, from the repository
#
# Kept in ${XDG_CACHE_HOME:-$HOME/.cache}/zapvendas/node-24, outside the
# repository (deleting .data/ to start over must not take Node with it), and
# reused on the next call: a second call costs one `node -e`. Sourced, so that
# PATH changes in the calling shell; it never exits that shell.

__zv_use_node_24() {
  # True when the given node runs and is at least 22.12.
  __zv_node_recent() {
    "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' >/dev/null 2>&1
  }

  if command -v node >/dev/null 2>&1 && __zv_node_recent node; then
    return 0
  fi

  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "use-node-24: no Node build for $(uname -s) on the npm registry; install Node 24 yourself" >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "use-node-24: no Node build for $(uname -m) on the npm registry; install Node 24 yourself" >&2; return 1 ;;
  esac

  local cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/zapvendas"
  local dir="$cache/node-24"
  if ! __zv_node_recent "$dir/bin/node"; then
    # npm itself needs a node; an older one is enough to fetch the package.
    if ! command -v npm >/dev/null 2>&1; then
      echo "use-node-24: npm is not on PATH, so Node 24 cannot be fetched from the npm registry; install Node 24 yourself" >&2
      return 1
    fi
    echo "use-node-24: fetching node-$os-$arch@24 from the npm registry into $dir" >&2
    mkdir -p "$cache" || return 1
    local staging
    # Staged beside its final place so that the last step is one rename: a run
    # in parallel (another clone, another shell) never sees half a Node.
    staging="$(mktemp -d "$cache/node-24.XXXXXX")" || return 1
    if ! (cd "$staging" && npm pack --silent "node-$os-$arch@24" >/dev/null && tar -xzf node-*.tgz && rm -f node-*.tgz) ||
      ! __zv_node_recent "$staging/package/bin/node"; then
      echo "use-node-24: could not fetch or run node-$os-$arch@24" >&2
      rm -rf "$staging"
      return 1
    fi
    # -T: if another run got there first, fail instead of moving into its folder.
    mv -T "$staging/package" "$dir" 2>/dev/null || [ -e "$dir" ] || mv "$staging/package" "$dir"
    rm -rf "$staging"
    if ! __zv_node_recent "$dir/bin/node"; then
      echo "use-node-24: $dir/bin/node does not run; delete $dir and try again" >&2
      return 1
    fi
  fi

  export PATH="$dir/bin:$PATH"
  # Native addons that npm builds from source must use this Node's headers
  # (the package ships them), not those of the machine's Node.
  export npm_config_nodedir="$dir"
  hash -r 2>/dev/null
  echo "use-node-24: using $dir/bin/node ($("$dir/bin/node" -v))" >&2
}

# The file's status is its last command's: nonzero when no Node 24 could be put on PATH.
if __zv_use_node_24; then
  unset -f __zv_use_node_24 __zv_node_recent
else
  unset -f __zv_use_node_24 __zv_node_recent
  false
fi
