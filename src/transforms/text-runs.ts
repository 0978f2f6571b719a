// Paragraph-wide text for typography rules: join a block's text nodes, edit the joined string, map edits back.
import type { Root, Text, Parent } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { pointFinder } from '../source-points.ts';

/**
 * The text of one block (paragraph, heading, table cell) as one string. `nodes[i]` starts at
 * `starts[i]` in `text`; the gaps between nodes are emphasis, link and other inline boundaries.
 * Inline code is not part of a run: typography never touches code.
 */
export interface TextRun {
  block: Parent;
  nodes: Text[];
  starts: number[];
  text: string;
}

export interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** Per-node map from each character of the current value to its offset in the node's source. */
interface SourceMapData {
  sourceOffsets?: number[];
}

const blockTypes = new Set(['paragraph', 'heading', 'tableCell']);

/** Every text run of the tree, in document order. */
export function collectTextRuns(tree: Root): TextRun[] {
  const runs: TextRun[] = [];
  const visit = (node: Parent) => {
    if (blockTypes.has(node.type)) {
      const nodes: Text[] = [];
      gatherText(node, nodes);
      if (nodes.length > 0) runs.push(makeRun(node, nodes));
      return;
    }
    for (const child of node.children) if ('children' in child) visit(child as Parent);
  };
  visit(tree);
  return runs;
}

function gatherText(node: Parent, into: Text[]) {
  for (const child of node.children) {
    if (child.type === 'text') into.push(child as Text);
    else if ('children' in child) gatherText(child as Parent, into);
  }
}

function makeRun(block: Parent, nodes: Text[]): TextRun {
  const starts: number[] = [];
  let text = '';
  for (const node of nodes) {
    starts.push(text.length);
    text += node.value;
  }
  return { block, nodes, starts, text };
}

/** Rebuild a run's joined text after its nodes changed. */
export function refreshRun(run: TextRun): TextRun {
  return makeRun(run.block, run.nodes);
}

/**
 * Apply non-overlapping edits (offsets into `run.text`) to the run's text nodes and return the
 * refreshed run. An edit spanning a node boundary lands in the node where it starts; the rest
 * of its range is removed from the following nodes. Each node is rebuilt once, whatever the
 * number of edits in it, so a paragraph with thousands of edits stays linear.
 */
export function applyEdits(run: TextRun, edits: Edit[]): TextRun {
  if (edits.length === 0) return run;
  const pieces: Piece[][] = run.nodes.map(() => []);
  edits.forEach((edit, order) => {
    let index = nodeIndexAt(run, edit.start);
    let from = edit.start;
    let replacement = edit.replacement;
    for (;;) {
      const nodeStart = run.starts[index];
      const nodeEnd = index + 1 < run.nodes.length ? run.starts[index + 1] : Infinity;
      const to = Math.min(edit.end, nodeEnd);
      pieces[index].push({ from: from - nodeStart, to: to - nodeStart, replacement, order });
      replacement = '';
      if (edit.end <= nodeEnd || ++index >= run.nodes.length) break;
      from = nodeEnd;
    }
  });
  // Insertions at one place keep the order they always had: the edit listed last comes first.
  const byPlace = (a: Piece, b: Piece) => a.from - b.from || a.to - b.to || b.order - a.order;
  run.nodes.forEach((node, index) => {
    if (pieces[index].length > 0) rebuildNode(node, pieces[index].sort(byPlace));
  });
  return refreshRun(run);
}

interface Piece {
  from: number;
  to: number;
  replacement: string;
  /** The edit's place in the list given to applyEdits. */
  order: number;
}

/** The last node starting at or before `offset` (binary search: runs can hold thousands of nodes). */
function nodeIndexAt(run: TextRun, offset: number): number {
  let low = 0;
  let high = run.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (run.starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Applies a node's pieces (ascending, not overlapping) in one pass over its value and source offsets. */
function rebuildNode(node: Text, pieces: Piece[]) {
  const data = (node.data ??= {}) as SourceMapData;
  const offsets = data.sourceOffsets ?? identityOffsets(node.value.length + 1);
  const parts: string[] = [];
  const newOffsets: number[] = [];
  let cursor = 0;
  for (const { from, to, replacement } of pieces) {
    parts.push(node.value.slice(cursor, from));
    for (let i = cursor; i < from; i++) newOffsets.push(offsets[i]);
    const anchor = offsets[from] ?? offsets[offsets.length - 1];
    parts.push(replacement);
    for (let i = 0; i < replacement.length; i++) newOffsets.push(anchor);
    cursor = Math.max(cursor, to);
  }
  parts.push(node.value.slice(cursor));
  for (let i = cursor; i < offsets.length; i++) newOffsets.push(offsets[i]);
  data.sourceOffsets = newOffsets;
  node.value = parts.join('');
}

/** `[0, 1, …, length - 1]`: a plain loop, many times faster than `Array.from` with a mapper on long paragraphs. */
function identityOffsets(length: number): number[] {
  const offsets = new Array<number>(length);
  for (let i = 0; i < length; i++) offsets[i] = i;
  return offsets;
}

/** Source point of the character at `offset` in the run's text, for diagnostics. */
export function pointAt(file: VFile, run: TextRun, offset: number): Point | undefined {
  const index = nodeIndexAt(run, offset);
  const node = run.nodes[index];
  const start = node.position?.start;
  if (!start) return run.block.position?.start;
  const within = offset - run.starts[index];
  const offsets = (node.data as SourceMapData | undefined)?.sourceOffsets;
  const sourceWithin = offsets ? (offsets[within] ?? offsets[offsets.length - 1]) : within;
  if (start.offset === undefined) return { line: start.line, column: start.column + sourceWithin };
  return pointFinder(file)(start.offset + sourceWithin) ?? start;
}

/**
 * A stretch of a run's text with no hard seam inside: seams are line breaks (`break` nodes, the
 * block's start and end) and opaque inlines the text does not show (inline code, images, HTML).
 * Rules that look at a character's neighbours (spacing, a dash at a line start) work per segment,
 * so they never reach across a line break or into code. Emphasis and link edges are no seam.
 */
export interface RunSegment {
  start: number;
  end: number;
  /** The segment begins a line: the block's start or just after a `break`, not after an opaque inline. */
  startsLine: boolean;
  /** The segment ends a line: the block's end or just before a `break`. */
  endsLine: boolean;
}

type Seam = 'break' | 'opaque' | undefined;

/** The run's segments in order; together they cover `run.text` exactly. */
export function runSegments(run: TextRun): RunSegment[] {
  // For each text node, the hard seams met since the previous text node: the first one (which ends
  // the previous segment) and the last one (which starts the next).
  const firstSeams: Seam[] = [];
  const lastSeams: Seam[] = [];
  let first: Seam;
  let last: Seam;
  let index = 0;
  const walk = (node: Parent) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        if (child !== run.nodes[index]) continue;
        firstSeams[index] = first;
        lastSeams[index] = last;
        index++;
        first = last = undefined;
      } else if (child.type === 'break') {
        first ??= 'break';
        last = 'break';
      } else if ('children' in child) {
        walk(child as Parent);
      } else {
        first ??= 'opaque';
        last = 'opaque';
      }
    }
  };
  walk(run.block);
  const segments: RunSegment[] = [];
  let start = 0;
  let startsLine = lastSeams[0] !== 'opaque';
  for (let i = 1; i < run.nodes.length; i++) {
    if (firstSeams[i] === undefined) continue;
    segments.push({ start, end: run.starts[i], startsLine, endsLine: firstSeams[i] === 'break' });
    start = run.starts[i];
    startsLine = lastSeams[i] === 'break';
  }
  // `first` now holds the seam after the last text node, if any.
  segments.push({ start, end: run.text.length, startsLine, endsLine: first !== 'opaque' });
  return segments;
}
