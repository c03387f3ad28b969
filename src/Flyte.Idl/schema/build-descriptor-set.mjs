// Rebuilds a FileDescriptorSet for the flyteidl2 schema from the npm package
// @flyteorg/flyteidl2, which ships protoc-gen-es output only (no .proto files).
//
// Each `*_pb.ts` embeds its FileDescriptorProto in base64 in `fileDesc("…", [deps])`.
// The embedded descriptor lacks its `dependency` list; the second argument names
// the dependencies by their exported `file_…` constants. We map every constant back
// to its proto path and append the `dependency` fields (field 3) to the bytes:
// protobuf parsers accept fields in any order, so appending is a valid encoding.
//
// Usage: node build-descriptor-set.mjs <package dir> <out descriptor set> <out file list>

import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const [packageDir, outSet, outList] = process.argv.slice(2);
if (!packageDir || !outSet || !outList) {
  console.error("usage: node build-descriptor-set.mjs <package dir> <out descriptor set> <out file list>");
  process.exit(2);
}

function findGeneratedFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findGeneratedFiles(path));
    else if (entry.name.endsWith("_pb.ts")) found.push(path);
  }
  return found;
}

function parseGeneratedFile(path) {
  const text = readFileSync(path, "utf8");
  const protoPath = /@generated from file (\S+\.proto)/.exec(text)?.[1];
  const exportName = /export const (file_\w+): GenFile/.exec(text)?.[1];
  const desc = /fileDesc\("([A-Za-z0-9+/=]+)"(?:,\s*\[([^\]]*)\])?\)/.exec(text);
  if (!protoPath || !exportName || !desc) {
    throw new Error(`${relative(packageDir, path)}: no embedded file descriptor found; is this protoc-gen-es v2 output?`);
  }
  const dependencies = (desc[2] ?? "").split(",").map((d) => d.trim()).filter((d) => d.length > 0);
  return { protoPath, exportName, descriptor: Buffer.from(desc[1], "base64"), dependencies };
}

function varint(value) {
  const bytes = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function lengthDelimited(fieldNumber, payload) {
  return Buffer.concat([varint((fieldNumber << 3) | 2), varint(payload.length), payload]);
}

const FILE_DESCRIPTOR_PROTO_DEPENDENCY = 3;
const FILE_DESCRIPTOR_SET_FILE = 1;

const files = [];
for (const root of ["flyteidl2", "buf", "google"]) {
  files.push(...findGeneratedFiles(join(packageDir, root)).map(parseGeneratedFile));
}
files.sort((a, b) => a.protoPath.localeCompare(b.protoPath));

const pathByExport = new Map(files.map((f) => [f.exportName, f.protoPath]));
function resolveDependency(file, exportName) {
  const local = pathByExport.get(exportName);
  if (local) return local;
  // Well-known types come from @bufbuild/protobuf/wkt; protoc ships their .proto files.
  const wellKnown = /^file_google_protobuf_(\w+)$/.exec(exportName);
  if (wellKnown) return `google/protobuf/${wellKnown[1]}.proto`;
  throw new Error(`${file.protoPath}: cannot resolve dependency ${exportName}`);
}

const encodedFiles = files.map((file) => {
  const dependencyFields = file.dependencies.map((d) =>
    lengthDelimited(FILE_DESCRIPTOR_PROTO_DEPENDENCY, Buffer.from(resolveDependency(file, d), "utf8")));
  return lengthDelimited(FILE_DESCRIPTOR_SET_FILE, Buffer.concat([file.descriptor, ...dependencyFields]));
});

mkdirSync(dirname(outSet), { recursive: true });
mkdirSync(dirname(outList), { recursive: true });
writeFileSync(outSet, Buffer.concat(encodedFiles));
writeFileSync(outList, files.map((f) => f.protoPath).join("\n") + "\n");
console.log(`flyteidl2 descriptor set: ${files.length} files -> ${outSet}`);
