#!/bin/sh
# Signs .deb packages in the pipeline (electron-builder does not sign Linux packages), with debsigs
# (Debian package `debsigs`): an "origin" signature, the _gpgorigin member inside the .deb.
#   KIOSK_DEB_SIGNING_KEY          the ASCII-armored secret key itself (a CI secret), never a file
#                                  in the repository
#   KIOSK_DEB_SIGNING_PASSPHRASE   its passphrase, if it has one
# Usage:  build/sign-deb.sh dist/installers/*.deb
#         build/sign-deb.sh --verify PUBLIC-KEY.asc FILE.deb   (checks the origin signature)
# Signing also writes hellowork-kiosk-signing-key.asc (the public key) and debsig-trust.sh beside
# the packages: publish both with the release; IT uses them to check packages (docs/it-staff.md).
set -eu

die() { echo "sign-deb: $*" >&2; exit 1; }
GNUPGHOME="$(mktemp -d)"; export GNUPGHOME
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$GNUPGHOME"' EXIT INT TERM
chmod 700 "$GNUPGHOME"

# The bytes debsigs signs: the members debian-binary, control.tar.*, data.tar.* concatenated.
signed_bytes() {
  for member in $(ar t "$1"); do
    case "$member" in debian-binary|control.tar*|data.tar*) ar p "$1" "$member" ;; esac
  done
}

if [ "${1:-}" = "--verify" ]; then
  [ $# -eq 3 ] || die "usage: $0 --verify PUBLIC-KEY.asc FILE.deb"
  gpg --batch --quiet --import "$2"
  ar t "$3" | grep -qx _gpgorigin || die "$3 has no origin signature (_gpgorigin)"
  ar p "$3" _gpgorigin > "$GNUPGHOME/sig"
  signed_bytes "$3" | gpg --batch --verify "$GNUPGHOME/sig" - || die "$3: BAD signature"
  echo "sign-deb: $3: good origin signature"
  exit 0
fi

[ $# -ge 1 ] || die "usage: $0 FILE.deb..."
if [ -z "${KIOSK_DEB_SIGNING_KEY:-}" ]; then
  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2
  echo '!!  KIOSK_DEB_SIGNING_KEY is not set: the .deb stays UNSIGNED.'           >&2
  echo '!!  Do not install it on a kiosk terminal. See docs/build.md ("Signing").' >&2
  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2
  exit 2
fi
command -v debsigs >/dev/null || die "debsigs is missing (apt-get install debsigs)"

printf '%s\n' "$KIOSK_DEB_SIGNING_KEY" | gpg --batch --quiet --import
fingerprint="$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')"
[ -n "$fingerprint" ] || die "KIOSK_DEB_SIGNING_KEY holds no secret key"
# debsigs calls gpg itself; these options make that call non-interactive.
{
  echo batch
  echo pinentry-mode loopback
  if [ -n "${KIOSK_DEB_SIGNING_PASSPHRASE:-}" ]; then
    printf '%s' "$KIOSK_DEB_SIGNING_PASSPHRASE" > "$GNUPGHOME/passphrase"
    echo "passphrase-file $GNUPGHOME/passphrase"
  fi
} > "$GNUPGHOME/gpg.conf"

for deb in "$@"; do
  [ -f "$deb" ] || die "$deb: no such file"
  if ar t "$deb" | grep -qx _gpgorigin; then die "$deb is already signed"; fi
  debsigs --sign=origin --default-key="$fingerprint" "$deb"
  echo "sign-deb: signed $deb with $fingerprint"
  gpg --batch --armor --export "$fingerprint" > "$(dirname "$deb")/hellowork-kiosk-signing-key.asc"
  cp "$(dirname "$0")/debsig-trust.sh" "$(dirname "$deb")/debsig-trust.sh"
done
