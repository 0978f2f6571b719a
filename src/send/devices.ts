// Finds the mounted e-reader and tells what it is: a Kobo has `.kobo/`, a Kindle has `documents/`, anything else is a plain reader.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';

export type DeviceKind = 'kobo' | 'kindle' | 'other';

export interface Device {
  kind: DeviceKind;
  /** The folder the e-reader is mounted at, absolute. */
  mount: string;
}

/** Where desktops mount USB storage: udisks (`/media/USER/LABEL`, `/run/media/USER/LABEL`) and macOS (`/Volumes/LABEL`). */
export const defaultSearchRoots = ['/media', '/run/media', '/Volumes'];

/** Names in a folder, lower-cased (FAT, which e-readers use, ignores case), or none when it cannot be read. */
async function namesIn(folder: string): Promise<Map<string, string>> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return new Map(entries.filter((entry) => entry.isDirectory()).map((entry) => [entry.name.toLowerCase(), entry.name]));
  } catch {
    return new Map();
  }
}

/** The folder of a device whose name matches `name` in any case (`.kobo`, `documents`), if it has one. */
export async function deviceFolder(mount: string, name: string): Promise<string | undefined> {
  const actual = (await namesIn(mount)).get(name.toLowerCase());
  return actual === undefined ? undefined : join(mount, actual);
}

export async function deviceKind(mount: string): Promise<DeviceKind> {
  if (await deviceFolder(mount, '.kobo')) return 'kobo';
  if (await deviceFolder(mount, 'documents')) return 'kindle';
  return 'other';
}

/** Kobos and Kindles mounted one or two levels below the roots (`/Volumes/KOBOeReader`, `/media/ann/Kindle`). */
export async function findDevices(roots: readonly string[] = defaultSearchRoots): Promise<Device[]> {
  const devices: Device[] = [];
  const consider = async (folder: string, depth: number) => {
    const kind = await deviceKind(folder);
    if (kind !== 'other') {
      devices.push({ kind, mount: folder });
      return;
    }
    if (depth === 0) return;
    for (const name of [...(await namesIn(folder)).values()].sort()) {
      if (!name.startsWith('.')) await consider(join(folder, name), depth - 1);
    }
  };
  for (const root of roots) {
    for (const name of [...(await namesIn(root)).values()].sort()) {
      if (!name.startsWith('.')) await consider(join(root, name), 1);
    }
  }
  return devices;
}

/**
 * The device `--to` names (any folder: a Kobo, a Kindle or another reader), or the one Kobo or Kindle mounted
 * under the search roots. Usage errors say what to do when there is none, or several.
 */
export async function chooseDevice(to: string | undefined, cwd: string, roots: readonly string[] = defaultSearchRoots): Promise<Device> {
  if (to !== undefined) {
    const mount = resolve(cwd, to);
    const info = await stat(mount).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`--to: ${mount} is not a folder; give the folder your e-reader is mounted at`);
    return { kind: await deviceKind(mount), mount };
  }
  const devices = await findDevices(roots);
  if (devices.length === 1) return devices[0];
  if (devices.length === 0) {
    throw new UsageError(`no Kobo or Kindle found under ${roots.join(', ')}: connect it by USB and let it mount, or name its folder with --to`);
  }
  throw new UsageError(`several e-readers are mounted (${devices.map((device) => device.mount).join(', ')}): choose one with --to`);
}
