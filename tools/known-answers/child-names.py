#!/usr/bin/env python3
"""Prints the action names and cache keys flyte-sdk gives the first call of Quickstart's quickstart.Square with
x = 0, 1, 2, 3 made by the action a0: the known answers in tests/Flyte.Runtime.Tests/ControlPlane/SquareChildCalls.cs.

Written from flyte-sdk's algorithm, not with flyte-sdk or this repository's code, so that the tests compare a0's
names with flyte-sdk's rather than with our own helpers. Only the standard library is used; protobuf messages are
encoded by hand, field by field.

Upstream facts (flyte-sdk, paths under src/flyte/):
- models.py ActionID.new_sub_action_from: name = base36(md5(f"{parent}-{inputs_hash}-{task_identity}-{seq}")),
  with "-{group}" appended only inside a group (a0's calls are in none).
- _utils/helpers.py base36_encode: the digest read as a big-endian integer, digits 0-9a-z, most significant first.
- _internal/controllers/__init__.py next_seq: the sequence counts identical calls (same task identity and inputs)
  from 1, so the first call of each x has seq 1.
- _internal/runtime/convert.py:
  hash_data: base64(sha256(data)), strings encoded as UTF-8.
  generate_inputs_hash_for_named_literals: hash_data of name + ":" + literal bytes + ";" for each input in order;
  a scalar literal's bytes are its deterministic protobuf serialisation (generate_inputs_repr_for_literal).
  generate_interface_hash: hash_data of the TypedInterface with variables sorted by key, serialised.
  generate_task_identity_hash: hash_data(f"{task name}-{interface hash}-{metadata.discovery_version}").
  generate_cache_key_hash: hash_data(f"{inputs hash}{task name}{interface hash}{cache version}"), where the
  controller (_internal/controllers/remote/_controller.py) passes metadata.discovery_version as the cache version.

Protobuf field numbers (flyteidl2/core in flyteorg/flyte): Literal.scalar = 1, Scalar.primitive = 1,
Primitive.integer = 1 (int64, in a oneof, so 0 is written too); TypedInterface.inputs = 1, outputs = 2;
VariableMap.variables = 1; VariableEntry.key = 1, value = 2; Variable.type = 1; LiteralType.simple = 1 (a oneof);
SimpleType.INTEGER = 1.

Square's discovery_version is the hash the generator gives its declaration (docs/task-versions.md), as written in
tests/Flyte.Generators.Tests/Baselines/Quickstart/Samples.Quickstart.Square.Task.g.cs; editing Square changes it:
pass the new one as the first argument.

Usage: python3 tools/known-answers/child-names.py [discovery_version]
"""

import base64
import hashlib
import sys

TASK_NAME = "quickstart.Square"
PARENT_ACTION = "a0"
FIRST_CALL = 1
SQUARE_DISCOVERY_VERSION = "827fed7704a564f2c260fd02b404d471928af664bb620b964f441a46fe31dc4e"

INTEGER = 1  # flyteidl2.core.SimpleType.INTEGER


def varint(value: int) -> bytes:
    """A protobuf varint; negative int64 values take their two's complement in 64 bits."""
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def varint_field(number: int, value: int) -> bytes:
    return varint(number << 3 | 0) + varint(value)


def message_field(number: int, body: bytes) -> bytes:
    return varint(number << 3 | 2) + varint(len(body)) + body


def integer_literal(x: int) -> bytes:
    primitive = varint_field(1, x)
    scalar = message_field(1, primitive)
    return message_field(1, scalar)


def integer_variable_map(name: str) -> bytes:
    literal_type = varint_field(1, INTEGER)
    variable = message_field(1, literal_type)
    entry = message_field(1, name.encode("utf-8")) + message_field(2, variable)
    return message_field(1, entry)


def square_interface() -> bytes:
    return message_field(1, integer_variable_map("x")) + message_field(2, integer_variable_map("o0"))


def hash_data(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def base36(data: bytes) -> str:
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    number = int.from_bytes(data, byteorder="big")
    if number == 0:
        return alphabet[0]
    digits = []
    while number:
        number, rest = divmod(number, 36)
        digits.append(alphabet[rest])
    return "".join(reversed(digits))


def main() -> None:
    discovery_version = sys.argv[1] if len(sys.argv) > 1 else SQUARE_DISCOVERY_VERSION
    interface_hash = hash_data(square_interface())
    task_identity = hash_data(f"{TASK_NAME}-{interface_hash}-{discovery_version}".encode("utf-8"))
    names, cache_keys = [], []
    for x in range(4):
        inputs_hash = hash_data(b"x:" + integer_literal(x) + b";")
        components = f"{PARENT_ACTION}-{inputs_hash}-{task_identity}-{FIRST_CALL}"
        names.append(base36(hashlib.md5(components.encode("utf-8")).digest()))
        cache_keys.append(hash_data(f"{inputs_hash}{TASK_NAME}{interface_hash}{discovery_version}".encode("utf-8")))

    print("    public static readonly string[] Names =")
    print("    [")
    for name in names:
        print(f'        "{name}",')
    print("    ];")
    print()
    print("    public static readonly string[] CacheKeys =")
    print("    [")
    for key in cache_keys:
        print(f'        "{key}",')
    print("    ];")


if __name__ == "__main__":
    main()
