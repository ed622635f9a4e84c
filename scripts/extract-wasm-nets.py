#!/usr/bin/env python3
"""Cut .nnue networks out of a Stockfish WebAssembly build.

Usage: extract-wasm-nets.py WASM DEST NAME:L1:LAYOUT [...]   (LAYOUT 0, 1 or 2: see VERSIONS)
The wasm's data section holds the nets as active data segments (runs of zeros left
out). Rebuild linear memory from the segments, find every .nnue version word, walk the
layout from there to know the net's length, and keep the blobs whose sha256 starts with
NAME (the 12 hex digits of nn-NAME.nnue)."""
import hashlib
import re
import struct
import sys

# Layouts by the third field of a NAME:L1:LAYOUT spec: 0 HalfKAv2_hm (Stockfish 15-17),
# 1 Full_Threats + HalfKAv2_hm (Stockfish 18), 2 threats + pawn pairs + HalfKAv2_hm (Stockfish 19).
VERSIONS = {'0': 0x7AF32F20, '1': 0x7AF32F20, '2': 0x6A448AFA}
HALFKA_INPUTS, BUCKETS, STACKS = 22528, 8, 8
SF18_THREATS, SF19_THREATS, SF19_PAIRS = 79856, 59808, 96 * 95 // 2


def uleb(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def linear_memory(wasm):
    segments, i = [], 8  # skip magic and version
    while i < len(wasm):
        section_id = wasm[i]
        size, i = uleb(wasm, i + 1)
        end = i + size
        if section_id == 11:  # data section
            count, j = uleb(wasm, i)
            for _ in range(count):
                flags, j = uleb(wasm, j)
                offset = None
                if flags == 0:  # active, memory 0: i32.const <offset> end
                    offset, j = uleb(wasm, j + 1)
                    j += 1
                length, j = uleb(wasm, j)
                segments.append((offset, j, length))
                j += length
        i = end
    memory = bytearray(max(o + n for o, _, n in segments if o is not None))
    for offset, start, length in segments:
        if offset is not None:
            memory[offset:offset + length] = wasm[start:start + length]
    return memory


def net_length(memory, start, l1, layout):
    pos = start + 12 + struct.unpack_from('<I', memory, start + 8)[0] + 4  # header, FT hash

    def tensor(pos, count, width):
        if memory[pos:pos + 17] == b'COMPRESSED_LEB128':
            return pos + 21 + struct.unpack_from('<I', memory, pos + 17)[0]
        return pos + count * width

    pos = tensor(pos, l1, 2)  # biases
    if layout == '1':  # int8 threat rows raw, weights, one PSQT block for both
        pos += SF18_THREATS * l1
        pos = tensor(pos, HALFKA_INPUTS * l1, 2)
        pos = tensor(pos, (SF18_THREATS + HALFKA_INPUTS) * BUCKETS, 4)
    elif layout == '2':  # threat rows, their PSQT, pair rows, their PSQT, weights, PSQT
        pos = tensor(pos + SF19_THREATS * l1, SF19_THREATS * BUCKETS, 4)
        pos = tensor(pos + SF19_PAIRS * l1, SF19_PAIRS * BUCKETS, 4)
        pos = tensor(pos, HALFKA_INPUTS * l1, 2)
        pos = tensor(pos, HALFKA_INPUTS * BUCKETS, 4)
    else:
        pos = tensor(pos, HALFKA_INPUTS * l1, 2)
        pos = tensor(pos, HALFKA_INPUTS * BUCKETS, 4)
    pad = lambda n: (n + 31) // 32 * 32
    if layout == '2':  # fc_0 l1 -> 32, fc_1 64 -> 32, fc_2 128 -> 1
        stack = 4 + (4 * 32 + 32 * pad(l1)) + (4 * 32 + 32 * 64) + (4 + 128)
    else:  # fc_0 l1 -> 16, fc_1 32 -> 32, fc_2 32 -> 1
        stack = 4 + (4 * 16 + 16 * pad(l1)) + (4 * 32 + 32 * 32) + (4 + 32)
    return pos + STACKS * stack - start


def main():
    wasm_path, dest, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    memory = linear_memory(open(wasm_path, 'rb').read())
    found = set()
    for spec in wanted:
        name, l1, layout = spec.split(':')
        for match in re.finditer(re.escape(struct.pack('<I', VERSIONS[layout])), memory):
            try:
                blob = bytes(memory[match.start():match.start() + net_length(memory, match.start(), int(l1), layout)])
            except (struct.error, IndexError):
                continue
            if hashlib.sha256(blob).hexdigest().startswith(name):
                open(f'{dest}/nn-{name}.nnue', 'wb').write(blob)
                found.add(name)
                break
    missing = [s.split(':')[0] for s in wanted if s.split(':')[0] not in found]
    if missing:
        sys.exit('not found in the wasm: ' + ' '.join(missing))


if __name__ == '__main__':
    main()
