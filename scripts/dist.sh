#!/usr/bin/env bash
# The release archive: the web app built by Trunk and built into one `skm` binary, which then
# serves the survey, the dashboard and the admin page from any folder, packed with the README, the
# deployment guides and deploy/ (example skm.toml, systemd unit, Dockerfile, compose file, Caddy and
# nginx examples) into target/dist/skm-<version>-x86_64-linux.tar.gz.
#   bash scripts/dist.sh              # release profile: `trunk build --release`, zopfli, `cargo build --release`
#   bash scripts/dist.sh --dev        # dev profile and `trunk build` (quicker)
#   bash scripts/dist.sh --dev --pack # packs target/debug/skm as it is: the test command builds it
#                                     # with the app in (`trunk build`, then SKM_EMBED_DIST=dist cargo test --no-run)
# Prints the archive's path on its last line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/setup.sh
case "${1:-} ${2:-}" in
  "--dev --pack")
    app="" profile=dev bin=target/debug/skm
    ;;
  "--dev ")
    echo "== the web app (trunk build, dev profile) into dist/"
    trunk build
    app=dist profile=dev bin=target/debug/skm
    ;;
  " ")
    echo "== the web app (trunk build --release) into dist-release/, gzipped by zopfli"
    trunk build --release --dist dist-release
    bash scripts/precompress.sh dist-release
    app=dist-release profile=release bin=target/release/skm
    ;;
  *) echo "usage: bash scripts/dist.sh [--dev [--pack]]" >&2; exit 2 ;;
esac
if [ -n "$app" ]; then
  echo "== skm with the app built in (cargo build --profile $profile)"
  SKM_EMBED_DIST="$PWD/$app" cargo build --profile "$profile" -p skm
fi
version=$("$bin" --version)
case "$version" in
  *"web app built in"*) ;;
  *) echo "dist: $bin was built without the web app: $version" >&2; exit 1 ;;
esac
number=$(echo "$version" | awk '{print $2}')
name="skm-$number-$(uname -m)-linux"
stage="target/dist/$name"
rm -rf "$stage" "target/dist/$name.tar.gz"
mkdir -p "$stage/docs"
cp "$bin" "$stage/skm"
cp README.md "$stage/"
cp docs/deploy.md docs/configuration.md "$stage/docs/"
cp -r deploy "$stage/deploy"
tar -czf "target/dist/$name.tar.gz" -C target/dist "$name"
rm -rf "$stage"
echo "== $version, $(du -h "target/dist/$name.tar.gz" | cut -f1)"
echo "target/dist/$name.tar.gz"
