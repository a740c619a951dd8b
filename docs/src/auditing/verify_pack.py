#!/usr/bin/env python3
"""Checks a Returns evidence pack with nothing but Python's standard library.

    python3 verify_pack.py PACK.zip

It recomputes what `returns verify-pack` does, so nobody need trust the
binary: every file against the manifest, the ticket's hash chain from its
first event, the seal's hash over the stream heads it lists (and the
ticket's head among them), and every inspection photo against the SHA-256
its event records. Exit status 0 when everything holds.
"""
import hashlib
import json
import struct
import sys
import zipfile
from datetime import datetime, timezone


def canonical(value):
    # Sorted keys, no whitespace, UTF-8 as is: the bytes the chain hashes.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def chain_problems(events, stream):
    previous, version = b"", 0
    for e in events:
        if e["stream_id"] != stream:
            return [f"an event of another stream: {e['stream_id']}"]
        if e["stream_version"] != version + 1:
            return [f"version {e['stream_version']} follows version {version}: events are missing"]
        hashed = {
            "stream_id": e["stream_id"],
            "stream_version": e["stream_version"],
            "event_id": e["event_id"],
            "event_type": e["event_type"],
            "schema_version": e["schema_version"],
            "payload": e["payload"],
            "metadata": e["metadata"],
            "recorded_at_us": e["recorded_at_us"],
        }
        digest = hashlib.sha256(previous + canonical(hashed)).digest()
        if digest.hex() != e["hash"]:
            return [f"version {e['stream_version']} ({e['event_type']}) does not hash to its recorded hash"]
        previous, version = digest, e["stream_version"]
    return []


def heads_hash(heads):
    h = hashlib.sha256()
    for head in sorted(heads, key=lambda x: x["stream"].encode()):
        stream = head["stream"].encode()
        h.update(struct.pack(">Q", len(stream)) + stream)
        h.update(struct.pack(">q", head["version"]) + bytes.fromhex(head["hash"]))
    return h.hexdigest()


def main(path):
    problems = []
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    manifest = json.loads(files["manifest.json"])
    listed = {f["path"]: f for f in manifest["files"]}
    for name, f in listed.items():
        if name not in files:
            problems.append(f"{name} is listed but absent")
        elif hashlib.sha256(files[name]).hexdigest() != f["sha256"]:
            problems.append(f"{name} does not hash to its listed SHA-256")
    problems += [f"{n} is not in the manifest" for n in files if n != "manifest.json" and n not in listed]

    stream = "ticket-" + manifest["ticket"]
    events = json.loads(files["events.json"])
    problems += chain_problems(events, stream)
    if not events or events[-1]["hash"] != manifest["head_hash"]:
        problems.append("the last event is not the head the manifest names")

    sealed = 0
    if "seal.json" in files:
        seal = json.loads(files["seal.json"])
        if heads_hash(seal["heads"]) != seal["heads_hash"] or len(seal["heads"]) != seal["stream_count"]:
            problems.append("the seal's hash is not the hash of the heads it lists")
        mine = [h for h in seal["heads"] if h["stream"] == stream]
        if mine:
            sealed = mine[0]["version"]
            if not any(e["stream_version"] == sealed and e["hash"] == mine[0]["hash"] for e in events):
                problems.append(f"the seal covers version {sealed} with another hash")
    if sealed != manifest["sealed_through_version"]:
        problems.append("the manifest's sealed version is not the seal's")

    photos = 0
    for e in events:
        if e["event_type"] != "LineInspected":
            continue
        for ref in e["payload"].get("photo_refs", []):
            if not ref.startswith("sha256:") or ref in manifest["photos_erased"]:
                continue
            digest = ref[len("sha256:"):]
            found = [n for n in files if n.startswith(f"photos/{digest}.")]
            if not found:
                problems.append(f"photo {ref} is missing")
            elif hashlib.sha256(files[found[0]]).hexdigest() != digest:
                problems.append(f"{found[0]} does not hash to the digest the events record")
            else:
                photos += 1

    for p in problems:
        print("BROKEN:", p)
    sealed_at = json.loads(files["seal.json"])["sealed_at"] if "seal.json" in files else "never"
    print(f"ticket {manifest['ticket']}: {len(events)} events, sealed through version {sealed} "
          f"(seal taken {sealed_at}), {photos} photo(s) re-hashed, "
          f"{len(manifest['photos_erased'])} erased with the customer; "
          + ("intact" if not problems else "BROKEN")
          + f" (checked {datetime.now(timezone.utc).isoformat(timespec='seconds')})")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
