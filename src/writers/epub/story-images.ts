// The pictures stories embed, in the EPUB: `<img>` elements, one file per picture under `images/`, and their manifest items.
import type { Element, Root as HastRoot } from 'hast';
import type { Image } from 'mdast';
import { eachElement } from '../hast-elements.ts';
import { OutputError } from '../../errors.ts';
import { assetIdPattern, type StoryAsset } from '../../story.ts';
import type { EpubResource } from './font-subset.ts';

/** Where story pictures go, relative to the content documents (which all sit beside the package document). */
export const storyImageFolder = 'images';

/**
 * The pictures a book's story documents show, recorded as the documents are laid out. The same picture in
 * several places (ids are content hashes) is one file. Files come out in the order the reader first meets them.
 */
export class StoryImages {
  private readonly assets = new Map<string, StoryAsset>();
  /** `<img>` elements written, counting each place a picture is shown. */
  shown = 0;
  /** Of those, the ones whose source gave no description: written with `alt=""`, so screen readers pass over them. */
  undescribed = 0;

  /**
   * `<img src="images/<id>" alt="…"/>` for an image node that carries its picture; undefined for one that does
   * not (a Markdown image names a file nobody checked), which the caller shows as its alt text instead.
   */
  element(node: Image): Element | undefined {
    const asset = node.data?.asset;
    if (!asset) return undefined;
    this.record(asset);
    const alt = (node.alt ?? '').replace(/\s+/g, ' ').trim();
    this.shown++;
    if (!alt) this.undescribed++;
    return { type: 'element', tagName: 'img', properties: { src: `${storyImageFolder}/${asset.id}`, alt }, children: [] };
  }

  /** One file per picture, for the package. */
  resources(): EpubResource[] {
    return [...this.assets.values()].map((asset) => ({ href: `${storyImageFolder}/${asset.id}`, mediaType: asset.mediaType, bytes: asset.bytes }));
  }

  private record(asset: StoryAsset): void {
    if (!assetIdPattern.test(asset.id)) {
      throw new OutputError(`Cannot embed the image "${asset.id}": expected an id of letters, digits, '-', '_' and '.' (the readers name images \`img-<hash>.<ext>\`).`);
    }
    const known = this.assets.get(asset.id);
    if (!known) {
      this.assets.set(asset.id, asset);
    } else if (known !== asset && (known.mediaType !== asset.mediaType || !Buffer.from(known.bytes).equals(Buffer.from(asset.bytes)))) {
      throw new OutputError(`Cannot embed two different images under one id "${asset.id}": image ids must be derived from their bytes.`);
    }
  }
}

/**
 * Gives a paragraph that holds nothing but pictures the class `illustration`, so the stylesheet can set it apart
 * (centred, no indent) from a paragraph with a picture in its text.
 */
export function markIllustrations(tree: HastRoot): void {
  eachElement(tree, (element) => {
    if (element.tagName !== 'p') return;
    const pictures = element.children.filter((child) => child.type === 'element' && child.tagName === 'img');
    const onlyPictures = element.children.every((child) => pictures.includes(child) || (child.type === 'text' && child.value.trim() === ''));
    if (pictures.length > 0 && onlyPictures) element.properties.className = ['illustration'];
  });
}
