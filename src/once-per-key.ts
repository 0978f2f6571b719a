// Runs an expensive async step once per key for the life of the process; a failure is forgotten, so it can be retried.

export function oncePerKey<Key, Value>(load: (key: Key) => Promise<Value>, keyOf: (key: Key) => string = String): (key: Key) => Promise<Value> {
  const results = new Map<string, Promise<Value>>();
  return (key) => {
    const id = keyOf(key);
    let result = results.get(id);
    if (!result) {
      result = load(key);
      result.catch(() => results.delete(id));
      results.set(id, result);
    }
    return result;
  };
}
