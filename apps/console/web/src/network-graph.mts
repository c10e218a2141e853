import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { NetworkGraph } from './api-types.mjs';

const ROLE_COLOURS: Record<string, string> = { caller: '#c0392b', sender: '#d35400', mule: '#8e44ad' };

let graph: { container: HTMLElement; cy: Core } | undefined;

/**
 * Draws scammer numbers and their victims with cytoscape.js into `#<containerId>` once it is in the page: node ids
 * are pseudonym keys and labels the masked numbers the API gave, so the page never holds a full number. Tapping an
 * edge calls `onEdge` with the alert linking that victim (a mule's transfer may have none).
 */
export function drawNetworkGraph(
  containerId: string,
  data: NetworkGraph,
  onEdge: (alertId: string) => void,
): void {
  const container = document.getElementById(containerId);
  if (!container) return;
  graph?.cy.destroy();
  const elements: ElementDefinition[] = [
    ...data.numbers.map((number) => ({
      data: {
        id: `n:${number.numberKey}`,
        label: `${number.number} (${number.role}, ${number.victims})`,
        colour: ROLE_COLOURS[number.role] ?? '#2c3e50',
        size: 28 + Math.min(40, number.victims * 2),
      },
      classes: 'number',
    })),
    ...[...new Map(data.edges.map((edge) => [edge.victimKey, edge])).values()].map((edge) => ({
      data: { id: `v:${edge.victimKey}`, label: edge.victim, colour: '#2980b9', size: 18 },
      classes: 'victim',
    })),
    ...data.edges.map((edge) => ({
      data: {
        id: `e:${edge.numberKey}:${edge.victimKey}`,
        source: `n:${edge.numberKey}`,
        target: `v:${edge.victimKey}`,
        alertId: edge.alertId ?? '',
      },
      classes: edge.alertId ? 'alerted' : 'transfer',
    })),
  ];
  const cy = cytoscape({
    container,
    elements,
    layout: { name: 'concentric', animate: false, minNodeSpacing: 12 } as cytoscape.LayoutOptions,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'background-color': 'data(colour)',
          width: 'data(size)',
          height: 'data(size)',
          'font-size': 10,
          color: '#222',
        },
      },
      { selector: 'node.number', style: { 'font-weight': 'bold', 'font-size': 12 } },
      { selector: 'edge', style: { width: 2, 'line-color': '#95a5a6', 'curve-style': 'straight' } },
      { selector: 'edge.alerted', style: { 'line-color': '#c0392b' } },
      { selector: 'edge.transfer', style: { 'line-style': 'dashed' } },
    ],
    userZoomingEnabled: true,
    boxSelectionEnabled: false,
  });
  cy.on('tap', 'edge', (event) => {
    const alertId = String(event.target.data('alertId') ?? '');
    if (alertId) onEdge(alertId);
  });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  graph = { container, cy };
}

/** Drops the graph when its container left the page (view change). */
export function forgetDetachedGraph(): void {
  if (graph && !graph.container.isConnected) {
    graph.cy.destroy();
    graph = undefined;
  }
}
