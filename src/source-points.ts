// Source offsets to line:column points, with each story file's line index built once and shared.
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

export type ToPoint = ReturnType<typeof location>['toPoint'];

const pointFinders = new WeakMap<VFile, ToPoint>();

/** vfile-location's offset → point for `file`; indexing lines is linear, so it is done once per file. */
export function pointFinder(file: VFile): ToPoint {
  let toPoint = pointFinders.get(file);
  if (!toPoint) pointFinders.set(file, (toPoint = location(file).toPoint));
  return toPoint;
}

/** A unist position from two source offsets. */
export function sourceSpan(file: VFile, start: number, end: number) {
  const toPoint = pointFinder(file);
  return { start: toPoint(start)!, end: toPoint(end)! };
}
