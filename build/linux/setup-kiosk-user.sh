#!/bin/sh
# Run once as root on a terminal after installing the .deb (docs/it-staff.md):
#   sudo "/opt/HelloWork Kiosk/kiosk-session/setup-kiosk-user.sh" [user]
# Makes a dedicated account (default: hwkiosk) whose graphical session runs only the kiosk:
# the cage session file, autostart for X11 desktops, and automatic login with LightDM or GDM.
set -eu
USER_NAME="${1:-hwkiosk}"
HERE="$(cd "$(dirname "$0")" && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
command -v cage >/dev/null || echo "warning: cage is not installed (apt-get install cage)" >&2

# A locked password: nobody logs in as this account by hand (only automatic login); no sudo,
# no extra groups. A real shell, because display managers refuse accounts with nologin.
if ! id "$USER_NAME" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash --comment "HelloWork Kiosk" "$USER_NAME"
  passwd --lock "$USER_NAME" >/dev/null
fi
home="$(getent passwd "$USER_NAME" | cut -d: -f6)"

install -D -m 0644 "$HERE/hellowork-kiosk-session.desktop" /usr/share/wayland-sessions/hellowork-kiosk.desktop
install -d -o "$USER_NAME" -g "$USER_NAME" -m 0700 "$home/.config" "$home/.config/autostart"
install -o "$USER_NAME" -g "$USER_NAME" -m 0644 "$HERE/hellowork-kiosk-autostart.desktop" "$home/.config/autostart/hellowork-kiosk.desktop"

# Automatic login into the kiosk session.
if [ -d /etc/lightdm ]; then
  mkdir -p /etc/lightdm/lightdm.conf.d
  printf '[Seat:*]\nautologin-user=%s\nautologin-user-timeout=0\nautologin-session=hellowork-kiosk\n' "$USER_NAME" \
    > /etc/lightdm/lightdm.conf.d/50-hellowork-kiosk.conf
  echo "LightDM: $USER_NAME logs in automatically to the HelloWork Kiosk session"
elif [ -f /etc/gdm3/daemon.conf ]; then
  mkdir -p /var/lib/AccountsService/users
  printf '[User]\nSession=hellowork-kiosk\nSystemAccount=false\n' > "/var/lib/AccountsService/users/$USER_NAME"
  sed -i "s/^#\?\s*AutomaticLoginEnable.*/AutomaticLoginEnable=true/; s/^#\?\s*AutomaticLogin\s*=.*/AutomaticLogin=$USER_NAME/" /etc/gdm3/daemon.conf
  echo "GDM: $USER_NAME logs in automatically to the HelloWork Kiosk session"
else
  echo "No LightDM or GDM found: set automatic login of $USER_NAME into the 'HelloWork Kiosk' session by hand." >&2
fi
echo "Done. The policy file goes to /etc/hellowork-kiosk/policy.json (root-owned, mode 0644)."
