import { readFileSync } from 'node:fs';
import { readStoriesFromFile } from '/work/main/src/readers/index.ts';
import { storyToText } from '/work/main/src/writers/text.ts';
const path = process.argv[2];
for (const story of await readStoriesFromFile(path)) {
  console.log(JSON.stringify(story.meta, null, 1));
  console.log(storyToText(story.tree));
  console.log(story.file.messages.map(m => `${m.line}:${m.column} ${m.reason} ${m.ruleId}`).join('\n'));
  if (process.argv[3]) console.log(JSON.stringify(story.tree, (k, v) => k === 'position' ? undefined : v, 1));
}
