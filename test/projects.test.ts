// Setting up a project (finding anthology.yaml, init, per-story entries, add and update from a local fake archive) in
// one test process: each file alone paid about 2 s of start-up and module loading. Run one by itself with
// `node --import tsx --test test/projects/<name>.test.ts`.
import './projects/archive.test.ts';
import './projects/init.test.ts';
import './projects/project.test.ts';
import './projects/story-entries.test.ts';
