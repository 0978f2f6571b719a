// Stories straight from the archive: add AO3 works and series to a project, and update them when they grow. The only code that touches the network.
export { addStories, type AddResult, type AddedStory } from './add.ts';
export { updateStories, type UpdateOptions, type UpdateResult, type StoryUpdate } from './update.ts';
export type { ArchiveOptions } from './session.ts';
export type { ArchiveFiles } from './files.ts';
export { minimumDelaySeconds, userAgent, type Clock, type Fetch } from './polite-client.ts';
export { parseArchiveAddress, type ArchiveAddress } from './ao3.ts';
