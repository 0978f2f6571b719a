import { readStoriesFromFile } from '/work/main/src/readers/index.ts';
import { visit } from 'unist-util-visit';
const [story] = await readStoriesFromFile(process.argv[2]);
const src = String(story.file.value);
let n = 0;
visit(story.tree, 'text', (node: any) => {
  const s = node.position?.start.offset, e = node.position?.end.offset;
  const slice = s === undefined ? '(none)' : src.slice(s, e);
  if (slice !== node.value || node.data) console.log(JSON.stringify(node.value), '<=', JSON.stringify(slice), JSON.stringify(node.data ?? {}), node.position?.start.line + ':' + node.position?.start.column);
  n++;
});
console.log(n, 'text nodes');
