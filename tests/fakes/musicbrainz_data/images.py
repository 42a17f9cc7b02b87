"""Tiny but valid image files for the Cover Art Archive part of fake_musicbrainz.py, generated so that no
binary fixture is committed. `size` pads the file to (at least) that many bytes, still valid."""
import struct
import zlib


def jpeg(size=0):
    """An 8x8 grey baseline JPEG (one DC-only block), padded with COM segments."""
    def segment(marker, payload):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload

    header = b"\xff\xd8"
    header += segment(0xDB, b"\x00" + bytes([1] * 64))                        # quantisation table
    header += segment(0xC0, struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00")  # 8x8, one component
    header += segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")        # DC table: "0" → category 0
    header += segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")        # AC table: "0" → EOB
    tail = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x3f" + b"\xff\xd9"  # DC 0, EOB, pad bits
    padding = b""
    missing = size - len(header) - len(tail)
    while missing > 0:
        chunk = min(missing, 65533) if missing >= 4 else 4
        padding += segment(0xFE, b"x" * (chunk - 4 if chunk > 4 else 0))
        missing -= chunk
    return header + padding + tail


def png(size=0):
    """A 1x1 red PNG, padded with a tEXt chunk."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    body = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    end = chunk(b"IEND", b"")
    missing = size - len(head) - len(body) - len(end)
    pad = chunk(b"tEXt", b"Comment\x00" + b"x" * max(0, missing - 20)) if missing > 0 else b""
    return head + body + pad + end


def text(size=0):
    body = b"<html><body>This is not an image.</body></html>"
    return body + b" " * max(0, size - len(body))


def make(spec, base_dir):
    """spec: {"kind": "jpeg"|"png"|"text", "bytes": N} or {"file": path relative to the data file}."""
    if spec.get("file"):
        with open(base_dir + "/" + spec["file"], "rb") as f:
            return f.read()
    kind = spec.get("kind", "jpeg")
    return {"jpeg": jpeg, "png": png, "text": text}[kind](int(spec.get("bytes", 0)))


def extension(spec):
    return {"png": "png", "text": "txt"}.get(spec.get("kind", "jpeg"), "jpg")
