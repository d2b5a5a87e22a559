#!/usr/bin/env bash
# Two destination drives of their own for bench/offload, on a machine that has one disk.
#
# On set the card reader and the two destination drives are separate devices; on this VM everything
# shares one virtual disk, so a verified offload (card once, two copies, two read-backs) competes with
# itself for that disk's bandwidth. This makes two RAM-backed block devices (a loop device over a file
# in /dev/shm each), formats them ext4 and mounts them, so the bench can show how ours and cp compare
# when the copies do not share the card's device. RAM is faster than any drive: the numbers show the
# card's device as the limit, not what a real RAID would do. Needs root and 2x the size in free RAM.
#
#   bash bench/offload/separate-devices.sh up [SIZE_GIB]   # prints the two mount points
#   bash bench/offload/separate-devices.sh down
set -euo pipefail

# Mount points only (the data lives in /dev/shm): under the repository's data folder, not /tmp.
root="$(cd "$(dirname "$0")/../.." && pwd)/.data/bench/devices"
backing=/dev/shm/mam-bench-devices

up() {
  local size_gib=${1:-6}
  mkdir -p "$root" "$backing"
  for name in a b; do
    if mountpoint -q "$root/$name"; then
      continue
    fi
    truncate -s "${size_gib}G" "$backing/$name.img"
    local device
    device=$(losetup --find --show "$backing/$name.img")
    # No lazy init: the kernel would otherwise zero inode tables in the background during the bench.
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$device"
    mkdir -p "$root/$name"
    mount "$device" "$root/$name"
  done
  echo "$root/a,$root/b"
}

down() {
  for name in a b; do
    if mountpoint -q "$root/$name"; then
      local device
      device=$(findmnt -n -o SOURCE "$root/$name")
      umount "$root/$name"
      losetup -d "$device"
    fi
    rm -f "$backing/$name.img"
  done
  rmdir "$root"/{a,b} "$root" "$backing" 2>/dev/null || true
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  *) echo "usage: $0 up [SIZE_GIB] | down" >&2; exit 2 ;;
esac
