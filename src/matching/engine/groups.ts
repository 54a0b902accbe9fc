// Groups of records being clustered: union–find with each group's members kept as a linked list, so the
// pairs between two groups can be walked before they are joined.

export class Groups {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  /** Members as linked lists: next member, and each root's last member. */
  readonly next: Int32Array;
  readonly last: Int32Array;

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, i) => i);
    this.size = new Int32Array(count).fill(1);
    this.next = new Int32Array(count).fill(-1);
    this.last = Int32Array.from({ length: count }, (_, i) => i);
  }

  find(node: number): number {
    let root = node;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    let walk = node;
    while (walk !== root) {
      const up = this.parent[walk] ?? root;
      this.parent[walk] = root;
      walk = up;
    }
    return root;
  }

  sizeOf(root: number): number {
    return this.size[root] ?? 1;
  }

  join(rootA: number, rootB: number): void {
    const [big, small] = (this.size[rootA] ?? 0) >= (this.size[rootB] ?? 0) ? [rootA, rootB] : [rootB, rootA];
    this.parent[small] = big;
    this.size[big] = (this.size[big] ?? 0) + (this.size[small] ?? 0);
    this.next[this.last[big] ?? big] = small;
    this.last[big] = this.last[small] ?? small;
  }

  /** Numbers groups 0, 1, 2… in order of their first record, so the same input gives the same labels. */
  labels(): Int32Array {
    const count = this.parent.length;
    const label = new Int32Array(count).fill(-1);
    const clusters = new Int32Array(count);
    let next = 0;
    for (let i = 0; i < count; i++) {
      const root = this.find(i);
      if (label[root] === -1) label[root] = next++;
      clusters[i] = label[root] ?? 0;
    }
    return clusters;
  }
}
