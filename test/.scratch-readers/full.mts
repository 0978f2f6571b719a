import { loadStories } from '/work/main/src/load-story.ts';
import { storyToText } from '/work/main/src/writers/text.ts';
for (const story of await loadStories(process.argv[2], { language: 'en' })) {
  console.log(story.meta.title, story.meta.words);
  console.log(storyToText(story.tree));
  console.log(story.file.messages.map(m => `${m.line}:${m.column} ${m.reason} ${m.ruleId}`).join('\n'));
}
