#!/usr/bin/env bash
# Installs the Debian packages the MAM needs, only those missing. Safe to re-run.
# Media: ffmpeg (probe, proxies), pocketsphinx + US English model (speech-to-text), festival with the
# SLT HTS voice (spoken lines for the sample card; espeak is not understood by pocketsphinx).
# Integrity: xxhash (xxhsum: the tests' reference hashes and the hash bench; the MAM itself hashes
# with System.IO.Hashing), libxml2-utils (xmllint, MHL schema checks). Scripts: curl, jq.
# Analysis: tesseract + English data (on-screen text, slates), nodejs + npm (objects and faces with
# @vladmandic/human, installed from its lockfile; also the tests' OpenID provider, npm oidc-provider).
# Web pages: chromium (headless browser tests). Approval certificates: fonts-dejavu-core (the PDF's
# typefaces); poppler-utils (pdftotext: the tests read the PDF back as a person would see it).
# Daily digests: python3-aiosmtpd (the tests' SMTP server on loopback).
# Test media: python-matplotlib-data ships a public-domain portrait (Grace Hopper, US Navy) that the
# analysis tests film to check that a person and a face are found. pocketsphinx-testdata ships LibriVox
# read speech (1.8 MB): the real-speech search check finds each recognised phrase where it is spoken.
set -euo pipefail

packages=(ffmpeg pocketsphinx pocketsphinx-en-us festival festvox-us-slt-hts flite
          xxhash libxml2-utils fonts-dejavu-core poppler-utils python3-aiosmtpd curl jq ca-certificates
          tesseract-ocr tesseract-ocr-eng chromium nodejs npm python-matplotlib-data pocketsphinx-testdata)

missing=()
for p in "${packages[@]}"; do
  # A Node from elsewhere (nodesource, nvm) is as good as Debian's: do not install a second one.
  if { [ "$p" = nodejs ] || [ "$p" = npm ]; } && command -v "${p/nodejs/node}" >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm packages from their lockfiles only (integrity-checked, no install scripts), skipped when the
# installed copy matches the lockfile: the vision sidecar (its models ship inside the package) and
# the test OpenID provider that infra/servers/start.sh runs for the single sign-on tests.
install_npm_packages() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  bash "$root/infra/npm-ci.sh" "$root/Mam.Workers/Vision"
  bash "$root/infra/npm-ci.sh" "$root/infra/servers/oidc"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_npm_packages
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
echo "install-deps: updating the package lists"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# Their dependencies make a few hundred packages on a bare machine: a line every 5 s with the count
# downloaded and set up so far (and the last one), so minutes of installing do not look like a hang.
started=$(date +%s)
last_report=0 downloaded=0 configured=0 current="" apt_status=1
report() { printf 'install-deps: %3s downloaded, %3s set up (%ss)  %s\n' "$downloaded" "$configured" "$(( $(date +%s) - started ))" "$current"; }
while IFS= read -r line; do
  case "$line" in
    Get:*) downloaded=$((downloaded + 1)); current=$(awk '{print $5}' <<<"$line") ;;
    "Setting up "*) configured=$((configured + 1)); current=${line#Setting up }; current=${current%% *} ;;
    "apt-get exited "*) apt_status=${line#apt-get exited }; continue ;;
    E:*|W:*|"dpkg: error"*) echo "$line"; continue ;;
    *) continue ;;
  esac
  if [ $(( $(date +%s) - last_report )) -ge 5 ]; then report; last_report=$(date +%s); fi
done < <($sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}" 2>&1; echo "apt-get exited $?")
report
[ "$apt_status" -eq 0 ] || { echo "install-deps: apt-get install failed (exit $apt_status); see the messages above" >&2; exit 1; }
install_npm_packages
echo "install-deps: done"
