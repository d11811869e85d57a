#!/usr/bin/env python3
"""The simplest checker one would write instead of gplan: read every plan
with tomllib and report `implements` references to plan ids that do not
exist (by id or by document number). Nothing else (no spans, no other rule). Used in docs/performance.md
for comparison: python3 benches/parent_ids.py CORPUS_DIR
"""

import pathlib
import sys
import tomllib


def main(root: str) -> int:
    ids = set()
    numbers = set()
    parents = []
    for path in sorted(pathlib.Path(root, "plans").rglob("*.toml")):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        plan = data.get("plan")
        if plan is None:
            continue
        ids.add(plan.get("id"))
        if isinstance(plan.get("number"), str):
            numbers.add("".join(plan["number"].split()))
        implements = plan.get("implements", [])
        if isinstance(implements, str):
            implements = [implements]
        parents.extend((path, parent) for parent in implements)
    missing = [
        (p, ref) for p, ref in parents if ref not in ids and "".join(ref.split()) not in numbers
    ]
    for path, ref in missing:
        print(f"{path}: unknown parent {ref}")
    print(f"{len(ids)} plans, {len(parents)} parent references, {len(missing)} unknown", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
