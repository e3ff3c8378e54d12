import cytoscape, { type Core } from 'cytoscape';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { layeredPositions, type LayeredEdge } from './layered-layout';

/** A node of the map: its layer, label, fill colour, and a note (absorbed groups' m/n). */
export interface MapNode {
  id: string;
  label: string;
  layer: number;
  color: string;
  note?: string;
  /** Drawn with a double border (an absorbed redundancy group). */
  marked?: boolean;
}

/** Emphasises a chain's nodes and the edges between them, and brings it into view. */
function highlight(instance: Core, ids: readonly string[], container: HTMLElement): void {
  instance.elements().removeClass('chain');
  const chain = new Set(ids);
  instance
    .nodes()
    .filter((n) => chain.has(n.id()))
    .addClass('chain');
  instance
    .edges()
    .filter((e) => chain.has(e.source().id()) && chain.has(e.target().id()))
    .addClass('chain');
  if (chain.size > 0)
    instance.animate(
      { fit: { eles: instance.elements('.chain'), padding: 60 } },
      { duration: 300 },
    );
  container.dataset.highlighted = String(ids.length);
}

/** What a map's owner can ask of it. */
export interface GraphMapHandle {
  /** The whole drawing as a PNG. */
  png(): Promise<Blob>;
}

/**
 * A layered graph drawn with Cytoscape.js: columns by layer (layeredPositions), the nodes of
 * `highlighted` and the edges between them emphasised, a click selects a node. The canvas is
 * described by `ariaLabel`; the pages give the same content as tables.
 */
export const GraphMap = forwardRef<
  GraphMapHandle,
  {
    nodes: MapNode[];
    edges: LayeredEdge[];
    highlighted?: readonly string[];
    onSelect?: (id: string) => void;
    ariaLabel: string;
    height?: number;
  }
>(function GraphMap({ nodes, edges, highlighted = [], onSelect, ariaLabel, height = 480 }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const chosen = useRef(highlighted);
  chosen.current = highlighted;

  useImperativeHandle(ref, () => ({
    png: async () =>
      cy.current ? cy.current.png({ full: true, output: 'blob-promise', bg: '#fff' }) : new Blob(),
  }));

  useEffect(() => {
    // Drawn after the page has painted: the tables beside the map show first.
    let instance: Core | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A timer set in an animation frame fires after that frame is painted.
    const frame = requestAnimationFrame(() => (timer = setTimeout(draw, 0)));
    function draw() {
      const positions = layeredPositions(nodes, edges);
      const ids = new Set(nodes.map((n) => n.id));
      instance = cytoscape({
        container: container.current,
        elements: [
          ...nodes.map((n) => ({
            data: {
              id: n.id,
              label: n.note ? `${n.label}\n${n.note}` : n.label,
              color: n.color,
            },
            position: positions.get(n.id)!,
            classes: n.marked ? 'marked' : '',
          })),
          ...edges
            .filter((e) => ids.has(e.from) && ids.has(e.to))
            .map((e) => ({ data: { id: `${e.from}->${e.to}`, source: e.from, target: e.to } })),
        ],
        layout: { name: 'preset' },
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(color)',
              label: 'data(label)',
              'font-size': 11,
              'text-wrap': 'wrap',
              'text-max-width': '180px',
              'text-valign': 'bottom',
              width: 18,
              height: 18,
            },
          },
          {
            selector: 'node.marked',
            style: { 'border-width': 4, 'border-style': 'double', 'border-color': '#1677ff' },
          },
          {
            selector: 'edge',
            style: {
              width: 1,
              'line-color': '#bbb',
              'target-arrow-shape': 'triangle',
              'target-arrow-color': '#bbb',
              'curve-style': 'bezier',
            },
          },
          {
            selector: '.chain',
            style: {
              'line-color': '#722ed1',
              'target-arrow-color': '#722ed1',
              width: 3,
              'border-width': 3,
              'border-color': '#722ed1',
            },
          },
        ],
        minZoom: 0.05,
        maxZoom: 3,
        wheelSensitivity: 0.3,
      });
      instance.on('tap', 'node', (event) => select.current?.(event.target.id()));
      instance.fit(undefined, 24);
      // For bench/console: laid out, drawn on the next frame, and taking clicks.
      instance.ready(() => requestAnimationFrame(() => performance.mark('map:ready')));
      cy.current = instance;
      highlight(instance, chosen.current, container.current!);
      container.current!.dataset.nodes = String(instance.nodes().length);
    }
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      instance?.destroy();
      cy.current = null;
    };
  }, [nodes, edges]);

  useEffect(() => {
    if (cy.current) highlight(cy.current, highlighted, container.current!);
  }, [highlighted]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height, border: '1px solid #eee', background: '#fff' }}
    />
  );
});
