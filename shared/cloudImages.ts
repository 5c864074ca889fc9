/**
 * The cloud images Berth offers to download for a local VM. Each is listed with its distribution's
 * checksum file next to it (Debian publishes SHA512SUMS, Ubuntu SHA256SUMS): the download is
 * verified against it. Both sides import this: the wizard shows the labels, the core downloads.
 */
export const CLOUD_IMAGES = [
  {
    id: 'debian-12',
    label: 'Debian 12 (bookworm)',
    urls: {
      x86_64: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
      aarch64: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-arm64.qcow2',
    },
  },
  {
    id: 'ubuntu-24.04',
    label: 'Ubuntu 24.04 LTS (noble)',
    urls: {
      x86_64: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
      aarch64: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-arm64.img',
    },
  },
] as const;

export type CloudImageId = (typeof CLOUD_IMAGES)[number]['id'];

export const CLOUD_IMAGE_IDS = CLOUD_IMAGES.map((i) => i.id) as [CloudImageId, ...CloudImageId[]];

export function cloudImage(id: string): (typeof CLOUD_IMAGES)[number] | undefined {
  return CLOUD_IMAGES.find((i) => i.id === id);
}

/** An image given as a URL is downloaded into the cache; anything else is a local file. */
export function isImageUrl(image: string): boolean {
  return /^https?:\/\//i.test(image);
}
