/** Natural order ("node2" before "node10"), as docker-machine sorts `ls` rows. */
export function compareNatural(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(chunksA.length, chunksB.length); i++) {
    const x = chunksA[i]!;
    const y = chunksB[i]!;
    if (x === y) continue;
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    if (bothDigits) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return chunksA.length - chunksB.length;
}
