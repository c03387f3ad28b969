#!/usr/bin/env python3
"""Prints what flyte-sdk's remote image builder sends for the image of tests/Flyte.Images.Tests/Remote/
RemoteBuildKnownAnswerTests.cs: the bytes of spec.pb (hex), the SHA-256 of the context tarball before compression, and
the gzip header it is compressed under (hex). The test pastes them as its known answers.

Written by hand from flyte-sdk's code (src/flyte/_internal/imagebuild/remote_builder.py, _validate_configuration and
_get_layers_proto; src/flyte/_internal/imagebuild/utils.py, copy_files_to_context; src/flyte/_code_bundle/_utils.py,
tar_strip_file_attributes), not with flyte-sdk or this repository's code. Only the standard library is used: the
tarball is made with Python's own tarfile and gzip exactly as flyte-sdk calls them, the protobuf message is encoded by
hand, field by field (flyteidl2/imagebuilder/definition.proto: ImageSpec.base_image = 1, python_version = 2,
layers = 3; Layer.apt_packages = 1, commands = 3, workdir = 6, copy_config = 7, env = 9; AptPackages.packages = 1;
Commands.cmd = 2; WorkDir.workdir = 1; CopyConfig.src = 1, dst = 2; Env.env_variables = 1, a map<string, string>
whose entries are messages {key = 1, value = 2}, written here sorted by key as deterministic serialisation does).

The image, as a flyte-sdk user would write the C# test's image, run from the project folder:

    Image.from_base("ghcr.io/flyteorg/flyte-dotnet:10.0")
        .with_apt_packages("curl", "jq")
        .with_commands(["echo built > /built.txt"]).with_commands(["test -s /built.txt"])
        .with_env_vars({"GREETING": "hello world", "A_FIRST": "1"})
        .with_source_file(Path("config/settings.json"), "/etc/app/settings.json")
        .with_source_file(Path("../shared/data.txt"), "/data/data.txt")
        .with_source_folder(Path("bin/publish"), "/app")
        .with_workdir("/app")

python_version is left out (a .NET image has no Python; flyte-sdk would fill in its own interpreter's). The folders and
files are made with umask 022 and modes 0644 (0755 for the executable a0.sh), which flyte-sdk copies as they are.

Usage: python3 tools/known-answers/remote-build.py
"""

import gzip
import hashlib
import os
import shutil
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path, PurePath

# The fixture: path under the fixture root -> (content, mode). The C# test writes the same.
FILES = {
    "project/config/settings.json": ('{"mode": "remote"}\n', 0o644),
    "shared/data.txt": ("shared data\n", 0o644),
    "project/bin/publish/App.dll": ("not really an assembly\n" * 40, 0o644),
    "project/bin/publish/a0.sh": ("#!/bin/sh\nexec a0 \"$@\"\n", 0o755),
    "project/bin/publish/runtimes/linux-x64/native.so": ("native\n", 0o644),
}


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, payload):
    """A length-delimited field (wire type 2)."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def spec_bytes():
    layers = [
        field(1, b"".join(field(1, p) for p in ["curl", "jq"])),  # apt_packages
        field(3, field(2, "echo built > /built.txt")),  # commands
        field(3, field(2, "test -s /built.txt")),
        field(9, b"".join(field(1, field(1, k) + field(2, v)) for k, v in sorted({"GREETING": "hello world", "A_FIRST": "1"}.items()))),  # env
        field(7, field(1, "config/settings.json") + field(2, "/etc/app/settings.json")),  # copy_config
        field(7, field(1, "_flyte_abs_context/shared/data.txt") + field(2, "/data/data.txt")),
        field(7, field(1, "bin/publish") + field(2, "/app")),
        field(6, field(1, "/app")),  # workdir
    ]
    return field(1, "ghcr.io/flyteorg/flyte-dotnet:10.0") + b"".join(field(3, layer) for layer in layers)


def copy_files_to_context(src, context_path):
    # utils.py copy_files_to_context, without ignore patterns (there is no .dockerignore).
    if src.is_absolute() or ".." in str(src):
        dst_path = context_path / "_flyte_abs_context" / PurePath(*src.parts[1:])
    else:
        dst_path = context_path / src
    if src.is_dir():
        for root, _, names in os.walk(src):
            for name in names:
                src_file = Path(root) / name
                dst_file = dst_path / src_file.relative_to(src)
                dst_file.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src_file, dst_file)
    else:
        dst_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst_path)
    return Path(os.path.normpath(dst_path))


def tar_strip_file_attributes(tar_info):
    tar_info.mtime = datetime(1981, 1, 1, tzinfo=timezone.utc).timestamp()
    tar_info.uid = 0
    tar_info.uname = ""
    tar_info.gid = 0
    tar_info.gname = ""
    tar_info.pax_headers = {}
    return tar_info


def main():
    os.umask(0o022)
    root = Path(tempfile.mkdtemp())
    for path, (content, mode) in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
        os.chmod(target, mode)
    os.chdir(root / "project")

    tmp_path = Path(tempfile.mkdtemp())
    context_path = tmp_path / "build.uc-image-builder"
    context_path.mkdir()
    copied = [copy_files_to_context(Path(p), context_path) for p in ["config/settings.json", "../shared/data.txt", "bin/publish"]]
    assert [str(c.relative_to(context_path)) for c in copied] == ["config/settings.json", "_flyte_abs_context/shared/data.txt", "bin/publish"]

    tar_path = tmp_path / "context.tar"
    with tarfile.open(tar_path, "w", dereference=False) as tar:
        # remote_builder.py adds os.listdir's order; sorted here, as the C# side does, so the answer is the same anywhere.
        for ws_file in sorted(os.listdir(context_path)):
            tar.add(os.path.join(context_path, ws_file), recursive=True, arcname=ws_file, filter=tar_strip_file_attributes)
    context_dst = Path(f"{tar_path!s}.gz")
    with gzip.GzipFile(filename=context_dst, mode="wb", mtime=0) as gzipped:
        gzipped.write(tar_path.read_bytes())
    gz = context_dst.read_bytes()
    header_length = 10 + gz[10:].index(b"\0") + 1

    print("spec.pb:", spec_bytes().hex())
    print("context.tar sha256:", hashlib.sha256(tar_path.read_bytes()).hexdigest(), "length:", tar_path.stat().st_size)
    print("gzip header:", gz[:header_length].hex())
    shutil.rmtree(root)
    shutil.rmtree(tmp_path)


if __name__ == "__main__":
    main()
