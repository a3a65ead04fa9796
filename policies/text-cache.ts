// Stacks synthesized by one app repeat the same texts account after account:
// templates, policy documents, output values. What is read from a text is read
// once per process, and shared. Bounded, so that no input can grow it without limit.

const MAX_TEXTS = 10_000;

/** `read`, remembered by text; what it throws is not remembered. What it returns is shared by every caller: never change it. */
export function byText<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = read(text);
    if (known.size >= MAX_TEXTS) known.clear();
    known.set(text, value);
    return value;
  };
}
