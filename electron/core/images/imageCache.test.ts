import { describe, expect, it } from 'vitest';
import { imageUrl } from './imageCache';

describe('imageUrl', () => {
  it.each([
    ['debian-12', 'x86_64', undefined, 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2'],
    ['ubuntu-24.04', 'aarch64', undefined, 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-arm64.img'],
    ['debian-12', 'x86_64', 'http://mirror.lan/cloud/', 'http://mirror.lan/cloud/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2'],
    ['https://example.org/x.qcow2', 'x86_64', 'http://mirror.lan', 'https://example.org/x.qcow2'],
    ['/var/images/x.qcow2', 'x86_64', undefined, null],
  ] as const)('%s (%s, mirror %s)', (image, arch, mirror, expected) => {
    expect(imageUrl(image, arch, mirror)).toBe(expected);
  });
});
