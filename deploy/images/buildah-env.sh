# Sourced by the image scripts: buildah as it works on these machines (no Docker engine, no
# overlay mounts in the sandbox): the vfs storage driver and chroot isolation.
buildah_() {
  buildah --storage-driver vfs "$@"
}
export BUILDAH_ISOLATION=chroot
