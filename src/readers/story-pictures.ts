// Checks the pictures a story embeds before any writer sees them: each must decode whole, and a huge one is scaled down to what e-readers show.
import type { Image, Root } from 'mdast';
import type { VFile } from 'vfile';
import { InputError } from '../errors.ts';
import { imageAsset } from './html-images.ts';
import type { StoryAsset } from '../story.ts';

/** The long side e-readers show at most (a 300 ppi 10-inch screen is about 2,500 px): larger pictures are scaled to it. */
export const maxPictureSide = 3200;
/** Pictures with more pixels are refused before they are decoded: 500 megapixels, a 22,000 px square. */
export const maxPicturePixels = 500_000_000;

/**
 * Decodes every embedded picture of the story once (sharp, streaming, at most `maxPicturePixels`): a truncated or
 * damaged one is an input error naming the story and its line; one longer than `maxPictureSide` on a side is
 * scaled down in its own format, with a warning on the story. Image nodes get the checked asset.
 */
export async function checkStoryPictures(tree: Root, file: VFile): Promise<void> {
  const images = imageNodes(tree);
  const checked = new Map<string, Promise<StoryAsset>>();
  for (const node of images) {
    const asset = node.data!.asset!;
    let result = checked.get(asset.id);
    if (!result) {
      result = fitPicture(asset, node, file);
      checked.set(asset.id, result);
    }
    const fitted = await result;
    node.data!.asset = fitted;
    node.url = fitted.id;
  }
}

async function fitPicture(asset: StoryAsset, node: Image, file: VFile): Promise<StoryAsset> {
  // Loaded only for stories with pictures: most builds never start libvips for this.
  const { default: sharp } = await import('sharp');
  const name = node.data?.source ? `\`${node.data.source}\`` : 'an embedded picture';
  const place = { file: file.path, line: node.position?.start.line, column: node.position?.start.column };
  const options = { failOn: 'error' as const, limitInputPixels: maxPicturePixels, animated: asset.mediaType === 'image/gif' };
  let width: number;
  let height: number;
  try {
    const metadata = await sharp(asset.bytes, options).metadata();
    width = metadata.width;
    height = metadata.pageHeight ?? metadata.height;
    if (width * height > maxPicturePixels) throw new Error(`it has ${width}×${height} pixels, more than ${maxPicturePixels / 1_000_000} megapixels`);
    if (Math.max(width, height) <= maxPictureSide) {
      // Every pixel decoded, none kept: a truncated or damaged file fails here, not in a writer.
      await sharp(asset.bytes, options).stats();
      return asset;
    }
  } catch (error) {
    throw new InputError(`${name} cannot be embedded: ${reason(error)}; re-save the picture or remove it from the story`, place);
  }
  let resized: Uint8Array;
  try {
    let image = sharp(asset.bytes, options).resize(maxPictureSide, maxPictureSide, { fit: 'inside', withoutEnlargement: true });
    image = asset.mediaType === 'image/jpeg' ? image.jpeg({ quality: 88 }) : asset.mediaType === 'image/png' ? image.png() : image.gif();
    resized = new Uint8Array(await image.toBuffer());
  } catch (error) {
    throw new InputError(`${name} cannot be embedded: ${reason(error)}; re-save the picture or remove it from the story`, place);
  }
  const fitted = imageAsset(resized)!;
  const scale = maxPictureSide / Math.max(width, height);
  const message = file.message(
    `Unexpected picture of ${width}×${height} pixels (${name}), expected at most ${maxPictureSide} on the long side: scaled down to ${Math.round(width * scale)}×${Math.round(height * scale)}`,
    { place: node.position, ruleId: 'picture-size', source: 'ficbind' },
  );
  message.fatal = false;
  return fitted;
}

/** sharp's reason in a few words: its first line, without libvips' prefixes. */
function reason(error: unknown): string {
  const text = (error as Error).message.split('\n')[0].trim();
  if (/pixel limit/i.test(text)) return `it has more than ${maxPicturePixels / 1_000_000} megapixels`;
  return text.replace(/^(VipsForeignLoad\w*|vips\w*|\w+load(_buffer)?): /i, '') || 'it is damaged';
}

/** Image nodes carrying an embedded picture, found without recursion. */
function imageNodes(tree: Root): Image[] {
  const found: Image[] = [];
  const stack: { type: string; children?: unknown[] }[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'image' && (node as Image).data?.asset) found.push(node as Image);
    for (const child of node.children ?? []) stack.push(child as { type: string; children?: unknown[] });
  }
  return found.reverse();
}
