// A user's background photo made ready for a template's slot: turned upright, cropped to the slot by attention, toned.
import sharp from 'sharp';
import { InputError } from '../errors.ts';
import { maxImageFileBytes, readRegularFile, UnreadableFile } from '../input-files.ts';
import type { PhotoSlot } from './template.ts';

/** A photo as a path (read here) or as bytes, with a name for errors. */
export type PhotoSource = string | { bytes: Uint8Array; name: string };

export async function readPhoto(source: PhotoSource): Promise<{ bytes: Uint8Array; name: string }> {
  if (typeof source !== 'string') return source;
  try {
    return { bytes: await readRegularFile(source, maxImageFileBytes), name: source };
  } catch (error) {
    if (error instanceof UnreadableFile) throw new InputError(`cannot read background image: ${error.message}`, { file: source });
    throw error;
  }
}

/**
 * The photo cropped to the slot's proportions — sharp's attention strategy keeps the most striking region
 * (faces, saturated colour, contrast) — scaled to the slot's pixels, then darkened or brightened and tinted as the
 * template asks. Returned as a `data:image/jpeg` URI for the SVG `<image>`.
 */
export async function photoDataUri(photo: { bytes: Uint8Array; name: string }, slot: PhotoSlot, tint: string | undefined): Promise<string> {
  const width = Math.max(1, Math.round(slot.width));
  const height = Math.max(1, Math.round(slot.height));
  let image = sharp(photo.bytes, { failOn: 'error' });
  try {
    await image.metadata();
  } catch (error) {
    throw new InputError(`background image is not a picture sharp can read (JPEG, PNG, WebP, AVIF, TIFF, GIF): ${(error as Error).message}`, { file: photo.name });
  }
  image = image.rotate().resize(width, height, { fit: 'cover', position: sharp.strategy.attention }).removeAlpha();
  if (slot.grayscale) image = image.grayscale();
  if (slot.brightness !== 1) image = image.modulate({ brightness: slot.brightness });
  if (tint) image = image.tint(tint);
  try {
    const jpeg = await image.jpeg({ quality: 92 }).toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch (error) {
    throw new InputError(`cannot use background image: ${(error as Error).message}`, { file: photo.name });
  }
}
