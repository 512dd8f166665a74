#!/usr/bin/env bash
# Debian packages the tests and the demo need: reference tools (sox, ffmpeg, libebur128 with
# libsndfile and gcc for a small C reference meter) and real recordings (alsa-utils speech,
# sonic-pi-samples music), and for tests inside VS Code: Chromium (drives code-server) and
# libkrb5-dev (code-server builds its kerberos module). Installs only what is missing.
set -euo pipefail
packages=(sox ffmpeg libebur128-dev libsndfile1-dev pkg-config gcc alsa-utils sonic-pi-samples chromium libkrb5-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "install-system-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
