#!/usr/bin/env sh
# Install the unpacked AgentDesk bundle for every user of this machine (run as root).
#
#   sudo ./install.sh [--server https://agentdesk.example.com:8443]
#
# Puts the program in /opt/agentdesk, a launcher in /usr/local/bin, the menu entry, icons
# and AppStream metadata under /usr/local/share; with --server it also writes the
# machine-wide /etc/xdg/agentdesk/client.ini so every user starts on that server.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
server=""
if [ "${1:-}" = "--server" ]; then server=${2:?--server needs a URL}; fi

rm -rf /opt/agentdesk
cp -a "$here/agentdesk" /opt/agentdesk
mkdir -p /usr/local/bin
ln -sf /opt/agentdesk/agentdesk /usr/local/bin/agentdesk
mkdir -p /usr/local/share
cp -a "$here/share/." /usr/local/share/
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/local/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q /usr/local/share/icons/hicolor || true

if [ -n "$server" ]; then
    mkdir -p /etc/xdg/agentdesk
    printf '[server]\nurl = %s\n' "$server" > /etc/xdg/agentdesk/client.ini
fi
QT_QPA_PLATFORM=offscreen /opt/agentdesk/agentdesk --self-check >/dev/null && echo "AgentDesk installed; self-check passed."
