import { describe, expect, it } from 'vitest';
import { inputChunks } from './inputChunks';

describe('inputChunks', () => {
  it.each([
    ['empty input sends nothing', '', 4, []],
    ['short input is one piece', 'ls\r', 4, ['ls\r']],
    ['exact size is one piece', 'abcd', 4, ['abcd']],
    ['longer input is cut at the size', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a surrogate pair is never split', 'abc😀def', 4, ['abc', '😀de', 'f']],
    ['pairs at every boundary', '😀😀😀', 3, ['😀', '😀', '😀']],
  ])('%s', (_name, data, size, expected) => {
    const chunks = inputChunks(data, size);
    expect(chunks).toEqual(expected);
    expect(chunks.join('')).toBe(data);
  });
});
