#!/usr/bin/env bash
# Build AgentDesk.app and a .dmg on macOS.
#
#   packaging/macos/build_macos.sh
#
# Needs: git, uv, Xcode command-line tools (hdiutil and codesign come with macOS).
# Set MACOS_SIGN_IDENTITY="Developer ID Application: …" to sign (then notarise the .dmg with
# `xcrun notarytool submit … --wait` and `xcrun stapler staple`, see packaging/README.md).
# Result: packaging/out/dist/AgentDesk.app and packaging/out/AgentDesk-<version>-macos-<arch>.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."

uv sync --frozen
export PYTHONHASHSEED=0
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); export SOURCE_DATE_EPOCH
AGENTDESK_VERSION=$(uv run --frozen python -c 'from importlib.metadata import version; print(version("agentdesk"))')
export AGENTDESK_VERSION

uv run --frozen pyinstaller --noconfirm --clean \
    --distpath packaging/out/dist --workpath packaging/out/build packaging/agentdesk.spec
app=packaging/out/dist/AgentDesk.app
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/agentdesk" --self-check

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
fi

# The disk image: the app next to a link to /Applications, to drag it across.
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="packaging/out/AgentDesk-$AGENTDESK_VERSION-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname AgentDesk -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
rm -rf "$stage"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
echo "app: $app"
echo "dmg: $dmg"
