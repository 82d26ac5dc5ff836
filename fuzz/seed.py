#!/usr/bin/env python3
"""Seed the fuzz corpora from tests/fixtures/public-samples.jsonl.

Run from anywhere: python3 fuzz/seed.py
Writes fuzz/corpus/<target>/seed-<id>; the corpora are not committed.

token_json and authorize take the sample's bytes as they are. http_response
and retry_after take structured input (the `arbitrary` crate), so their seeds
are encoded the way arbitrary 1.x decodes the targets' `Input` structs:
integers little-endian, a flag byte before each Option and Vec element, an
enum variant as a u32 scaled to the variant count, and the length of each
&str / &[u8] field (except the last, which takes the rest) read from the end
of the input.
"""

import json
import pathlib
import struct

FUZZ = pathlib.Path(__file__).resolve().parent
SAMPLES = FUZZ.parent / "tests" / "fixtures" / "public-samples.jsonl"
CORPUS = FUZZ / "corpus"


class Encoder:
    """Bytes that `arbitrary_take_rest` decodes into the given fields."""

    def __init__(self):
        self.ops = []  # ("front", bytes) or ("len", n) in decoding order

    def raw(self, data):
        self.ops.append(("front", bytes(data)))

    def flag(self, on):
        self.raw([1 if on else 0])

    def variant(self, index, count):
        # derive(Arbitrary) picks (u32 * count) >> 32.
        self.raw(struct.pack("<I", -(-(index << 32) // count)))

    def sized(self, data):
        self.ops.append(("len", len(data)))
        self.raw(data)

    def finish(self, rest):
        n_lens = sum(1 for op in self.ops if op[0] == "len")
        widths = [1] * n_lens
        for _ in range(4):  # the width of a length depends on what is left
            total = sum(len(d) for k, d in self.ops if k == "front") + len(rest) + sum(widths)
            left, i, new = total, 0, []
            for kind, value in self.ops:
                if kind == "front":
                    left -= len(value)
                    continue
                width = 1 if left <= 256 else 2 if left <= 65537 else 4
                new.append(width)
                left -= width
                i += 1
            if new == widths:
                break
            widths = new
        front, back, left = b"", [], total
        for kind, value in self.ops:
            if kind == "front":
                front += value
                left -= len(value)
                continue
            width = widths[len(back)]
            max_size = left - width
            if width == 1:
                code = bytes([value])
            elif max_size >= 256:
                code = value.to_bytes(width, "big")
            else:
                code = bytes([value]) + bytes(width - 1)
            assert value <= max_size
            back.append(code)
            left -= width
        return front + rest + b"".join(reversed(back))


HEADER_NAMES = ["Retry-After", "Date", "DPoP-Nonce", "WWW-Authenticate", "Content-Type"]


def http_response(status, headers, body):
    e = Encoder()
    e.raw(struct.pack("<H", status))
    e.flag(False)  # max_retry_after_secs
    e.flag(False)  # used_scheme
    for name, value in headers:
        e.flag(True)
        known = [n.lower() for n in HEADER_NAMES]
        if name.lower() in known:
            e.variant(known.index(name.lower()), 6)
        else:
            e.variant(5, 6)
            e.sized(name.encode())
        e.flag(False)  # upper_case
        e.sized(value.encode())
    e.flag(False)
    return e.finish(body)


def retry_after(value, now_secs=1_700_000_000, max_secs=3600):
    e = Encoder()
    e.raw(struct.pack("<qIQI", now_secs, 0, max_secs, 0))
    return e.finish(value.encode())


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed-{name}").write_bytes(data)


def main():
    count = {}
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        sample = json.loads(line)
        kind, sid, text = sample["kind"], sample["id"], sample["input"]
        status = sample["http_status"] or 400
        headers = [(k, v) for k, v in (sample["headers"] or {}).items() if isinstance(v, str)]
        outputs = []
        if kind in ("token_json", "malformed", "http_response"):
            outputs.append(("token_json", text.encode()))
            outputs.append(("http_response", http_response(status, headers, text.encode())))
        elif kind == "authorize_redirect":
            outputs.append(("authorize", text.encode()))
        elif kind == "www_authenticate":
            outputs.append(("challenge", text.encode()))
            header = [("WWW-Authenticate", text)] + headers
            outputs.append(("http_response", http_response(status, header, b"")))
        for target, data in outputs:
            write(target, sid, data)
            count[target] = count.get(target, 0) + 1

    for i, value in enumerate([
        "120",
        "0",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Wed, 21 Oct 2026 07:28:00 GMT",
    ]):
        write("retry_after", f"value{i}", retry_after(value))
        count["retry_after"] = count.get("retry_after", 0) + 1
    for i, query in enumerate(["AADSTS50011", " 700082 ", "InvalidReplyTo", "interactionrequired", "reply"]):
        write("catalog", f"query{i}", query.encode())
        count["catalog"] = count.get("catalog", 0) + 1

    for target, n in sorted(count.items()):
        print(f"{target}: {n} seeds in {CORPUS / target}")


if __name__ == "__main__":
    main()
