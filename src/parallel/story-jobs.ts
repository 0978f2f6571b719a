// What a build's main thread and its story workers send each other: a story file to read, and its packed stories or its error.
import { ConfigError, FicbindError, InputError, OutputError, UsageError, type Place } from '../errors.ts';
import type { CachedStory } from '../cache/stories.ts';
import type { StoryOptions } from '../load-story.ts';

export interface StoryJob {
  id: number;
  path: string;
  bytes: Uint8Array;
  options: StoryOptions;
}

export type StoryJobResult = { id: number; stories: CachedStory[]; usedImages: boolean } | { id: number; error: PackedError };

/** What a worker posts first, once its readers and rules are loaded: from then on it is given stories. */
export const workerReady = 'ready';

export interface PackedError {
  name: string;
  message: string;
  place?: Place;
  stack?: string;
}

const errorClasses: Record<string, new (message: string, place?: Place) => FicbindError> = { InputError, ConfigError, UsageError, OutputError, FicbindError };

/** An error as a worker can post it: its class by name, its message, place and stack. */
export function packError(error: unknown): PackedError {
  if (error instanceof Error) return { name: error.name, message: error.message, place: (error as FicbindError).place, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/** The error a worker met, as the same class on this side: the CLI reports it just as if this thread had met it. */
export function unpackError(packed: PackedError): Error {
  const ErrorClass = errorClasses[packed.name];
  const error = ErrorClass ? new ErrorClass(packed.message, packed.place) : new Error(packed.message);
  if (packed.stack) error.stack = packed.stack;
  return error;
}
