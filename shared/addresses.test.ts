import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from './addresses';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.3.2.1', true],
    ['::1', true],
    ['localhost', true],
    ['10.0.0.5', false],
    ['172.18.0.2', false],
    ['127.example.com', false],
    ['fe80::1', false],
    ['', false],
  ])('%s → %s', (ip, loopback) => {
    expect(isLoopbackAddress(ip)).toBe(loopback);
  });
});
