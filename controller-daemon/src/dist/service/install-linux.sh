#!/usr/bin/env bash
# Installs (or upgrades) PhoneController as a systemd service. Run as root from the unpacked distribution:
#   sudo ./service/install-linux.sh [--prefix /opt/phonecontroller] [--no-start]
# It creates the system user 'phonecontroller', copies the distribution to the prefix (keeping an existing conf/),
# links data/ and logs/ to /var/lib/phonecontroller and /var/log/phonecontroller, restricts the configuration to
# root and the service account, installs and enables the unit, and links /usr/local/bin/phonectl.
set -euo pipefail

prefix=/opt/phonecontroller
start=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --no-start) start=no; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "install-linux.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

[ "$(id -u)" -eq 0 ] || { echo "install-linux.sh: run it as root (sudo $0)" >&2; exit 2; }
command -v systemctl >/dev/null || { echo "install-linux.sh: systemd is needed (systemctl not found)" >&2; exit 2; }
dist="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
user=phonecontroller
state=/var/lib/phonecontroller
logs=/var/log/phonecontroller

# 1. The service account: a system user without login shell or home.
if ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$state" --no-create-home --shell /usr/sbin/nologin "$user"
  echo "Created the system user $user"
fi

# 2. The program: replace bin/, lib/, service/, docs/; keep an existing conf/ (an upgrade keeps its settings).
systemctl stop phonecontroller.service 2>/dev/null || true
install -d -m 0755 "$prefix"
for part in bin lib service docs; do
  [ -d "$dist/$part" ] || continue
  rm -rf "${prefix:?}/$part"
  cp -R "$dist/$part" "$prefix/$part"
done
chmod 0755 "$prefix/bin/phonectl"
if [ ! -d "$prefix/conf" ]; then
  cp -R "$dist/conf" "$prefix/conf"
  echo "Installed the example configuration in $prefix/conf: adapt controller.yaml and write credentials.yaml"
else
  echo "Kept the existing configuration in $prefix/conf"
fi
# Root owns the configuration; the service account may read it, nobody else (credentials.yaml holds secrets).
chown -R root:"$user" "$prefix/conf"
chmod 0750 "$prefix/conf"
find "$prefix/conf" -type f -exec chmod 0640 {} +

# 3. Writable places: the state and logs directories systemd manages; data/ and logs/ of the installation point there.
install -d -o "$user" -g "$user" -m 0750 "$state" "$logs"
for link in data:"$state" logs:"$logs"; do
  name="${link%%:*}"; target="${link#*:}"
  if [ -e "$prefix/$name" ] && [ ! -L "$prefix/$name" ]; then
    cp -a "$prefix/$name/." "$target/" && rm -rf "${prefix:?}/$name"
  fi
  ln -sfn "$target" "$prefix/$name"
done

# 4. The unit and the command.
sed "s#/opt/phonecontroller#$prefix#g" "$prefix/service/phonecontroller.service" > /etc/systemd/system/phonecontroller.service
chmod 0644 /etc/systemd/system/phonecontroller.service
ln -sfn "$prefix/bin/phonectl" /usr/local/bin/phonectl
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /etc/systemd/system/phonecontroller.service
fi
systemctl daemon-reload
systemctl enable phonecontroller.service

# 5. Check the configuration before starting: a bad one would only make the service restart in a loop.
if sudo -u "$user" env PHONECONTROLLER_HOME="$prefix" "$prefix/bin/phonectl" config validate --config "$prefix/conf/controller.yaml"; then
  if [ "$start" = yes ]; then
    systemctl restart phonecontroller.service
    echo "Started. Check it with: systemctl status phonecontroller; sudo phonectl status"
  fi
else
  echo "Not started: fix $prefix/conf/controller.yaml (see above), then: systemctl start phonecontroller" >&2
  exit 1
fi
