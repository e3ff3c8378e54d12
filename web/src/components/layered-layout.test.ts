import { layeredPositions } from './layered-layout.js';

describe('layeredPositions', () => {
  it('puts layers left to right and orders a layer by its parents (fewer crossings)', () => {
    const p = layeredPositions(
      [
        { id: 'a', layer: 0 },
        { id: 'b', layer: 0 },
        { id: 'x', layer: 1 },
        { id: 'y', layer: 1 },
      ],
      [
        { from: 'b', to: 'x' },
        { from: 'a', to: 'y' },
      ],
    );
    expect(p.get('a')!.x).toBeLessThan(p.get('x')!.x);
    // y hangs off a (placed first), x off b: y comes before x.
    expect(p.get('y')!.y).toBeLessThan(p.get('x')!.y);
  });

  it('wraps a large layer into sub-columns', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, layer: 0 }));
    const p = layeredPositions(nodes, [], { perColumn: 20 });
    expect(new Set([...p.values()].map((v) => v.x)).size).toBe(3);
    expect(Math.max(...[...p.values()].map((v) => Math.abs(v.y)))).toBeLessThan(20 * 56);
  });
});
