#!/bin/sh
# On a terminal (or the admin workstation), once per signing key: makes `debsig-verify` (Debian
# package debsig-verify) accept .deb files signed by build/sign-deb.sh with this key, and nothing
# else for this key: a keyring and a policy requiring an "origin" signature. Then, before every
# install:  debsig-verify hellowork-kiosk_<version>_amd64.deb
# Usage: sudo build/debsig-trust.sh hellowork-kiosk-signing-key.asc
# (DEBSIG_POLICIES_DIR / DEBSIG_KEYRINGS_DIR change the targets, for tests.)
set -eu
if [ $# -ne 1 ] || [ ! -f "$1" ]; then echo "usage: $0 PUBLIC-KEY.asc" >&2; exit 1; fi
POLICIES="${DEBSIG_POLICIES_DIR:-/etc/debsig/policies}"
KEYRINGS="${DEBSIG_KEYRINGS_DIR:-/usr/share/debsig/keyrings}"
GNUPGHOME="$(mktemp -d)"; export GNUPGHOME
trap 'rm -rf "$GNUPGHOME"' EXIT INT TERM

fingerprint="$(gpg --batch --quiet --with-colons --show-keys "$1" 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }')"
[ -n "$fingerprint" ] || { echo "$1 holds no public key" >&2; exit 1; }
keyid="$(printf '%s' "$fingerprint" | tail -c 16)" # debsig-verify names keys by their long key ID

mkdir -p "$KEYRINGS/$keyid" "$POLICIES/$keyid"
# debsig-verify reads a binary (dearmored) keyring, not a GnuPG 2 keybox.
gpg --batch --dearmor < "$1" > "$KEYRINGS/$keyid/debsig.gpg"
cat > "$POLICIES/$keyid/hellowork-kiosk.pol" <<POLICY
<?xml version="1.0"?>
<!DOCTYPE Policy SYSTEM "https://www.debian.org/debsig/1.0/policy.dtd">
<Policy xmlns="https://www.debian.org/debsig/1.0/">
  <Origin Name="HelloWork Kiosk" id="$keyid" Description="HelloWork Kiosk packages"/>
  <Selection>
    <Required Type="origin" File="debsig.gpg" id="$keyid"/>
  </Selection>
  <Verification MinOptional="0">
    <Required Type="origin" File="debsig.gpg" id="$keyid"/>
  </Verification>
</Policy>
POLICY
chmod 0644 "$KEYRINGS/$keyid/debsig.gpg" "$POLICIES/$keyid/hellowork-kiosk.pol"
echo "debsig-verify now accepts HelloWork Kiosk packages signed by $fingerprint"
