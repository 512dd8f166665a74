#!/usr/bin/env bash
# Debian packages for CI's suites beyond `npm test` (which, like `npm start`, needs none):
# `npm run test:reference` compares with reference tools (sox, ffmpeg, libebur128 with libsndfile and
# gcc for a small C reference meter) on real recordings (alsa-utils speech, sonic-pi-samples music);
# `npm run test:vscode` and `test:e2e` drive code-server with Chromium. Installs only what is missing.
set -euo pipefail
packages=(sox ffmpeg libebur128-dev libsndfile1-dev pkg-config gcc alsa-utils sonic-pi-samples chromium)
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
