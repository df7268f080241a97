// Run by test/unit/heap-growth.test.ts: allocates as a long search does (a window of objects that outlive
// a few scavenges), with or without src/heap-growth.ts around it, and prints the young generation's largest
// size. Arguments: the built heap-growth.js, then "lean" or "plain".
import { getHeapSpaceStatistics } from 'node:v8';

const { withLeanHeap } = await import(process.argv[2]);
const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;

async function work() {
  const window = new Array(100_000);
  let max = 0;
  for (let batch = 0; batch < 300; batch++) {
    for (let i = 0; i < 10_000; i++) window[(batch * 10_000 + i) % window.length] = { batch, i, text: `record ${batch} ${i}` };
    max = Math.max(max, young());
    await new Promise((resolve) => setImmediate(resolve));
  }
  return max;
}

const max = process.argv[3] === 'lean' ? await withLeanHeap(work) : await work();
process.stdout.write(`${JSON.stringify({ max })}\n`);
