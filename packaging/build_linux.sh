#!/usr/bin/env bash
# Build the Linux desktop bundle of AgentDesk (what `make package` runs).
#
#   packaging/build_linux.sh [--clean-tree] [OUT]      (OUT defaults to packaging/out)
#
# --clean-tree builds from a fresh export of the last commit (git archive HEAD) instead of
# the working tree, so nothing uncommitted or left over can leak into the bundle.
#
# Result, in OUT/:
#   dist/agentdesk/                       the one-folder bundle (run dist/agentdesk/agentdesk)
#   AgentDesk-<version>-linux-x86_64/     bundle + .desktop entry + icons + AppStream metadata
#   AgentDesk-<version>-linux-x86_64.tar.gz
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
clean=0
if [ "${1:-}" = "--clean-tree" ]; then clean=1; shift; fi
out=$(mkdir -p "${1:-$repo/packaging/out}" && cd "${1:-$repo/packaging/out}" && pwd)
python="$repo/.venv/bin/python"
[ -x "$python" ] || { echo "build_linux: run 'uv sync' first (no .venv)" >&2; exit 1; }

source_root=$repo
if [ "$clean" = 1 ]; then
    source_root="$out/source"
    rm -rf "$source_root" && mkdir -p "$source_root"
    git -C "$repo" archive --format=tar HEAD | tar -x -C "$source_root"
fi

# Reproducible: fixed hash seed, timestamps from the last commit.
export PYTHONHASHSEED=0
SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH
export AGENTDESK_SOURCE="$source_root"
version=$("$python" -c 'from importlib.metadata import version; print(version("agentdesk"))')

rm -rf "$out/dist/agentdesk" "$out/build"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$out/dist" --workpath "$out/build" "$source_root/packaging/agentdesk.spec"

# The folder an administrator unpacks: bundle plus the freedesktop integration files.
name="AgentDesk-$version-linux-$(uname -m)"
stage="$out/$name"
rm -rf "$stage" && mkdir -p "$stage"
cp -a "$out/dist/agentdesk" "$stage/agentdesk"
install -Dm644 "$source_root/packaging/linux/agentdesk.desktop" \
    "$stage/share/applications/agentdesk.desktop"
install -Dm644 "$source_root/packaging/linux/com.agentdesk.AgentDesk.metainfo.xml" \
    "$stage/share/metainfo/com.agentdesk.AgentDesk.metainfo.xml"
install -Dm644 "$source_root/resources/icons/agentdesk.svg" \
    "$stage/share/icons/hicolor/scalable/apps/agentdesk.svg"
for png in "$source_root"/resources/icons/agentdesk-*.png; do
    size=$(basename "$png" .png); size=${size#agentdesk-}
    install -Dm644 "$png" "$stage/share/icons/hicolor/${size}x${size}/apps/agentdesk.png"
done
install -m755 "$source_root/packaging/linux/install.sh" "$stage/install.sh"

# A tarball that is the same bytes for the same commit.
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    -C "$out" -cf - "$name" | gzip -n > "$out/$name.tar.gz"

echo "bundle:  $out/dist/agentdesk ($(du -sh "$out/dist/agentdesk" | cut -f1) unpacked)"
echo "archive: $out/$name.tar.gz ($(du -sh "$out/$name.tar.gz" | cut -f1))"
