#!/usr/bin/env bash
# Installs every build and test dependency of edera-guard from Debian 12 packages.
# Run as root. Idempotent: apt-get skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang
  libyaml-cpp-dev tao-pegtl-dev libre2-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev zlib1g-dev
  protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev libabsl-dev
  libcurl4-openssl-dev libbpf-dev libxen-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  python3 sysdig time util-linux
)

export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
