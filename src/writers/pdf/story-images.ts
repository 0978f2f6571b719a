// The pictures stories embed, for the PDF: where each sits in Typst's virtual folder, and the files to put there.
import type { Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { OutputError } from '../../errors.ts';
import { assetIdPattern, type Story, type StoryAsset } from '../../story.ts';

/** `/images/<id>`: the path the template's `image()` reads. */
export function storyImagePath(asset: StoryAsset): string {
  if (!assetIdPattern.test(asset.id)) {
    throw new OutputError(`Cannot embed the image "${asset.id}": expected an id of letters, digits, '-', '_' and '.' (the readers name images \`img-<hash>.<ext>\`).`);
  }
  return `/images/${asset.id}`;
}

/** Every picture the stories carry, by its path, each once (ids are content hashes). */
export function storyImageFiles(stories: readonly Story[]): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const story of stories) {
    visit(story.tree, 'image', (node: Image) => {
      const asset = node.data?.asset;
      if (asset) files[storyImagePath(asset)] ??= asset.bytes;
    });
  }
  return files;
}
