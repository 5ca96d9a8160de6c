// The Graph tab: pprof's -dot call graph of a real heap profile, read as a person reads it and
// compared with what `go tool pprof -dot` printed (test/oracle/dot), then hover and click.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const heap = join(repoRoot, 'public/samples/toyserver.heap.pb.gz');
const oracle = readFileSync(join(repoRoot, 'test/oracle/dot/samples/toyserver.heap.pb.gz.dot'), 'utf8');

/** pprof's node boxes: id -> label lines. */
function oracleNodes(): Map<number, string[]> {
  const nodes = new Map<number, string[]>();
  for (const m of oracle.matchAll(/^N(\d+) \[label="([^"]*)" id="node\d+"/gm)) nodes.set(Number(m[1]), m[2]!.split('\\n'));
  return nodes;
}

test("graph: a heap profile's call graph shows pprof's boxes and legend; hover and click", async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();
  const graph = page.getByTestId('call-graph');
  await expect(graph).toBeVisible();

  // The top node's box reads exactly as pprof's -dot label.
  const expected = oracleNodes();
  const top = graph.locator('[data-node="1"]');
  await expect(top).toBeVisible();
  expect(await top.locator('tspan').allTextContents()).toEqual(expected.get(1));
  expect(expected.get(1)).toEqual(['bytes', 'growSlice', '4.63MB (44.76%)']);
  // As many boxes as pprof drew, each with pprof's text.
  await expect(graph.locator('[data-node]')).toHaveCount(expected.size);
  expect(await graph.locator('[data-node="2"] tspan').allTextContents()).toEqual(expected.get(2));

  // The legend says what pprof's legend says about what was left out.
  const legend = page.getByTestId('graph-legend');
  await expect(legend).toContainText('Showing nodes accounting for 10.24MB, 99.09% of 10.33MB total');
  await expect(legend).toContainText('Dropped 6 nodes (cum <= 0.05MB)');
  await expect(legend).toContainText('Showing top 59 nodes out of 63');

  // Hover: the node's numbers and file.
  await graph.locator('[data-node="2"] rect').hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('toyserver/internal/catalog.Generate');
  await expect(tip).toContainText('flat 2.82MB (27.30% of total)');
  await expect(tip).toContainText('cum 4.30MB (41.56% of total)');
  await expect(tip).toContainText(/catalog\.go/);

  // Zoom: the wheel changes the drawing's scale.
  const before = await graph.locator('g.graph-scene').getAttribute('transform');
  await graph.hover({ position: { x: 200, y: 200 } });
  await page.mouse.wheel(0, -400);
  await expect.poll(() => graph.locator('g.graph-scene').getAttribute('transform')).not.toBe(before);

  // Click: the flame graph rooted at that function.
  await page.getByRole('button', { name: 'Fit to width' }).click();
  await graph.locator('[data-node="2"] rect').click();
  await expect(page.getByTestId('flame-focus')).toContainText('toyserver/internal/catalog.Generate');
});

test('graph: right-click a node opens its sandwich; nodecount refines the graph as pprof -nodecount does', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();
  const graph = page.getByTestId('call-graph');
  const node = graph.locator('[data-node="2"]');
  await expect(node).toBeVisible();
  await node.locator('rect').hover();
  await expect(page.getByRole('tooltip')).toContainText('right-click or Shift+Enter: its callers and callees (sandwich)');
  await node.locator('rect').click({ button: 'right' });
  await expect(page.getByTestId('sandwich-chip')).toContainText('Sandwich: toyserver/internal/catalog.Generate');

  // pprof -dot -nodecount=20 on the same file: the same number of boxes and the same legend line.
  const oracle20 = readFileSync(join(repoRoot, 'test/oracle/dot/samples/toyserver.heap.pb.gz.nodecount20.dot'), 'utf8');
  const boxes = [...oracle20.matchAll(/^N\d+ \[label=/gm)].length;
  await page.getByRole('button', { name: 'Close sandwich' }).click();
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();
  await page.getByLabel('Refine nodecount').fill('20');
  await page.getByLabel('Refine nodecount').press('Enter');
  await expect(graph.locator('[data-node]')).toHaveCount(boxes);
  // pprof counts the tag boxes toward -nodecount, so its legend names fewer function nodes.
  await expect(page.getByTestId('graph-legend')).toContainText(/Showing top \d+ nodes out of \d+/.exec(oracle20)![0]);
});
