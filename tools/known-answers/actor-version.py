#!/usr/bin/env python3
"""Prints the actor version flyte-sdk gives a reusable environment, for the example in
tests/Flyte.Generators.Tests/ReusableWireFormTests.cs: the known answer that test compares ours with.

Written from flyte-sdk's algorithm, not with flyte-sdk or this repository's code, so that the test compares our version
with flyte-sdk's rather than with our own helpers. Only the standard library is used: the protobuf messages are encoded
by hand, field by field, as protobuf's deterministic serialisation writes them (fields in number order).

Upstream facts (flyte-sdk, paths under src/flyte/):
- _internal/runtime/reuse.py extract_unique_id_and_image: the container is copied, its args cleared and serialised
  (deterministic=True); components = f"{env_name}:{container_ser}" (a bytes value, so its repr b'...' is what is
  formatted), then f":{min}:{max}" (replicas is a tuple after ReusePolicy.__post_init__), f":{idle_ttl.total_seconds()}"
  when idle_ttl is non-zero, f":{get_scaledown_ttl()}" (str of a timedelta), f":{code_bundle.computed_version}" with a
  bundle, then the security context's serialisation (bytes again), metadata.interruptible and
  metadata.pod_template_name, which a protobuf message always has; sha256 of the UTF-8 string, hex.
- add_reusable: version = the first 15 hex digits; custom = {name, version, type "actor", spec {...}}.
- _reusable_environment.py ReusePolicy: replicas int or (min, max); idle_ttl and scaledown_ttl in seconds or timedelta.

Protobuf field numbers (flyteidl2/core in flyteorg/flyte): Container.image = 1, resources = 4, env = 5;
Resources.requests = 1, limits = 2; ResourceEntry.name = 1 (CPU 1, MEMORY 3), value = 2; KeyValuePair.key = 1,
value = 2; SecurityContext.secrets = 2; Secret.group = 1, key = 3, mount_requirement = 4 (ENV_VAR 1), env_var = 5.

Usage: python3 tools/known-answers/actor-version.py
"""

import hashlib
from datetime import timedelta


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def length_delimited(number, data):
    return varint(number << 3 | 2) + varint(len(data)) + data


def text(number, value):
    return length_delimited(number, value.encode("utf-8"))


def enum(number, value):
    return varint(number << 3) + varint(value)


CPU, MEMORY, ENV_VAR = 1, 3, 1


def resource_entry(name, value):
    return enum(1, name) + text(2, value)


def key_value(key, value):
    return text(1, key) + text(2, value)


# The example: [TaskEnvironment("embeddings", Cpu = "1", Memory = "512Mi", MemoryLimit = "1Gi",
#   Env = ["MODEL=small", "GREETING=it's café"], Secrets = ["hf/token"])]
# [Reusable(Replicas = 3, MinReplicas = 1, IdleTtl = "5m", ScaledownTtl = "45s", Concurrency = 2)]
# with [Task(Image = "registry.local/embed:1")], deployed from a bundle whose MD5 is 0123456789abcdef0123456789abcdef.
resources = length_delimited(1, resource_entry(CPU, "1")) + length_delimited(1, resource_entry(MEMORY, "512Mi")) \
    + length_delimited(2, resource_entry(MEMORY, "1Gi"))
container = text(1, "registry.local/embed:1") + length_delimited(4, resources) \
    + length_delimited(5, key_value("MODEL", "small")) + length_delimited(5, key_value("GREETING", "it's café"))
secret = text(1, "hf") + text(3, "token") + enum(4, ENV_VAR) + text(5, "HF_TOKEN")
security_context = length_delimited(2, secret)

env_name = "embeddings"
replicas = (1, 3)
idle_ttl = timedelta(minutes=5)
scaledown_ttl = timedelta(seconds=45)
computed_version = "0123456789abcdef0123456789abcdef"
interruptible = False
pod_template_name = ""

components = f"{env_name}:{container}"
components += f":{replicas[0]}:{replicas[1]}"
if idle_ttl:
    components += f":{idle_ttl.total_seconds()}"
components += f":{scaledown_ttl}"
components += f":{computed_version}"
components += f":{security_context}"
components += f":{interruptible}"
components += f":{pod_template_name}"

print(components)
print(hashlib.sha256(components.encode("utf-8")).hexdigest()[:15])
