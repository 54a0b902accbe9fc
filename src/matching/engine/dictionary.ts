// Distinct strings with dense ids. Records hold ids; comparisons test ids for equality and read the text
// from one packed array of UTF-16 code units, which workers share without copying.

/** Packed strings: entry i is codes[starts[i], starts[i + 1]). */
export type TextPool = { size: number; codes: Uint16Array; starts: Int32Array };

export class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];

  /** The id of a string, adding it when new; -1 for the empty string, which means "no value". */
  id(text: string): number {
    if (text === '') return -1;
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    const id = this.texts.length;
    this.ids.set(text, id);
    this.texts.push(text);
    return id;
  }

  /** The id of a string already added, or -1. */
  find(text: string): number {
    return this.ids.get(text) ?? -1;
  }

  get size(): number {
    return this.texts.length;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }

  pack(shared: boolean): TextPool {
    let total = 0;
    for (const text of this.texts) total += text.length;
    const codes = new Uint16Array(allocate(total * 2, shared));
    const starts = new Int32Array(allocate((this.texts.length + 1) * 4, shared));
    let at = 0;
    this.texts.forEach((text, index) => {
      starts[index] = at;
      for (let i = 0; i < text.length; i++) codes[at + i] = text.charCodeAt(i);
      at += text.length;
    });
    starts[this.texts.length] = at;
    return { size: this.texts.length, codes, starts };
  }
}

/** Memory for a typed array: shared with worker threads when asked, ordinary otherwise. */
export function allocate(bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(Math.max(bytes, 8)) : new ArrayBuffer(bytes);
}

export function int32Column(length: number, shared: boolean, fill = -1): Int32Array {
  const column = new Int32Array(allocate(length * 4, shared));
  if (fill !== 0) column.fill(fill);
  return column;
}

export function uint8Column(length: number, shared: boolean): Uint8Array {
  return new Uint8Array(allocate(length, shared));
}

export function float64Column(length: number, shared: boolean): Float64Array {
  return new Float64Array(allocate(length * 8, shared));
}
