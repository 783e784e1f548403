#!/bin/sh
# Makes sure this machine can build nbpscope: the zlib and ncursesw headers and libraries that the
# CZlib and CNcurses system-library targets use. Quiet and fast (file checks only) when all is
# there. When something is missing it installs it with the system's package manager (apt-get,
# dnf, yum, apk, brew) as root or through sudo without a password prompt; when it cannot, it prints
# the exact command to run and exits 1.
#   scripts/setup.sh        what `swift build` needs (the README's commands run this first)
#   scripts/setup.sh --ci   also tmux (the TUI end-to-end check) and rsvg-convert (figure tests)
set -eu

ci=no
for argument in "$@"; do
  case $argument in
    --ci) ci=yes ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown argument '$argument' (try --help)" >&2; exit 2 ;;
  esac
done

os=$(uname -s)

# Package manager, and the package names of each need in its world.
if [ "$os" = Darwin ]; then
  manager=brew
elif command -v apt-get >/dev/null 2>&1; then
  manager=apt-get
elif command -v dnf >/dev/null 2>&1; then
  manager=dnf
elif command -v yum >/dev/null 2>&1; then
  manager=yum
elif command -v apk >/dev/null 2>&1; then
  manager=apk
else
  manager=none
fi

package() { # need -> package name for $manager
  case $manager:$1 in
    apt-get:zlib) echo zlib1g-dev ;;
    apt-get:ncurses) echo libncurses-dev ;;
    apt-get:rsvg) echo librsvg2-bin ;;
    dnf:zlib | yum:zlib) echo zlib-devel ;;
    dnf:ncurses | yum:ncurses) echo ncurses-devel ;;
    dnf:rsvg | yum:rsvg) echo librsvg2-tools ;;
    apk:zlib) echo zlib-dev ;;
    apk:ncurses) echo ncurses-dev ;;
    apk:rsvg) echo rsvg-convert ;;
    brew:rsvg) echo librsvg ;;
    *:tmux) echo tmux ;;
    *) echo "$1" ;;
  esac
}

# Whether one of the files (shell patterns allowed) exists.
exists() {
  for pattern in "$@"; do
    for file in $pattern; do
      [ -e "$file" ] && return 0
    done
  done
  return 1
}

include_dirs="/usr/include /usr/local/include"
lib_dirs="/usr/lib /usr/lib64 /usr/lib/*-linux-gnu /lib/*-linux-gnu /usr/local/lib"
if [ "$os" = Darwin ]; then
  sdk=$(xcrun --show-sdk-path 2>/dev/null || true)
  brew_prefix=$(brew --prefix 2>/dev/null || true)
  include_dirs="$sdk/usr/include $brew_prefix/opt/ncurses/include $brew_prefix/include"
  lib_dirs="$sdk/usr/lib $brew_prefix/opt/ncurses/lib $brew_prefix/lib"
fi
header() { for dir in $include_dirs; do [ -f "$dir/$1" ] && return 0; done; return 1; }
library() { for dir in $lib_dirs; do exists "$dir/lib$1.so" "$dir/lib$1.dylib" "$dir/lib$1.tbd" && return 0; done; return 1; }

# Sets $missing (package names) and $what (what is missing, in words); both empty when all is there.
check() {
  missing=""
  what=""
  if ! header zlib.h || ! library z; then
    missing="$missing $(package zlib)"; what="$what, zlib.h/libz"
  fi
  if ! { header ncursesw/curses.h || { [ "$os" = Darwin ] && header curses.h; }; } || ! library ncursesw; then
    missing="$missing $(package ncurses)"; what="$what, ncursesw/curses.h/libncursesw"
  fi
  if [ "$ci" = yes ]; then
    command -v tmux >/dev/null 2>&1 || { missing="$missing $(package tmux)"; what="$what, tmux"; }
    command -v rsvg-convert >/dev/null 2>&1 || { missing="$missing $(package rsvg)"; what="$what, rsvg-convert"; }
  fi
  missing=${missing# }
  what=${what#, }
}

check
[ -z "$missing" ] && exit 0

# How to install, as a command line; sudo only when it needs no password.
case $manager in
  apt-get) install="apt-get install -y -q $missing" ;;
  dnf | yum) install="$manager install -y $missing" ;;
  apk) install="apk add $missing" ;;
  brew) install="brew install $missing" ;;
  *) install="" ;;
esac
if [ "$os" = Darwin ] && [ -z "$sdk" ]; then
  echo "setup: missing $what and no macOS SDK; run: xcode-select --install" >&2
  exit 1
fi
if [ -z "$install" ] || { [ "$manager" = brew ] && ! command -v brew >/dev/null 2>&1; }; then
  echo "setup: missing $what; install the development packages of zlib and ncursesw (wide-character" >&2
  echo "setup: ncurses) with your system's package manager, then run this again" >&2
  exit 1
fi
sudo=""
if [ "$manager" != brew ] && [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    if command -v sudo >/dev/null 2>&1; then as="sudo "; echo "setup: missing $what; run:" >&2
    else as=""; echo "setup: missing $what; run as root:" >&2; fi
    [ "$manager" = apt-get ] && echo "  ${as}apt-get update && ${as}$install" >&2 || echo "  ${as}$install" >&2
    exit 1
  fi
fi

echo "setup: missing $what; installing $missing with $manager"
if [ "$manager" = apt-get ]; then
  export DEBIAN_FRONTEND=noninteractive
  # An install from stale or empty package lists fails; refresh them once and retry.
  $sudo $install >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null && $sudo $install >/dev/null; } || {
    echo "setup: '$sudo $install' failed; run it to see why" >&2
    exit 1
  }
else
  $sudo $install || { echo "setup: '$sudo $install' failed" >&2; exit 1; }
fi
installed=$missing
check
if [ -n "$missing" ]; then
  echo "setup: installed $installed, but $what is still missing; please report this with your system's name" >&2
  exit 1
fi
echo "setup: installed $installed"
