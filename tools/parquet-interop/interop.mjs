// Writes and reads Parquet with an implementation independent of the SDK's (arrow-rs's, through parquet-wasm), standing
// in for pyarrow in the DataFrame interop tests (tests/Flyte.Sdk.Tests/DataFrames/ParquetInteropTests.cs).
//
//   node interop.mjs write <file>   writes the reference table, Snappy-compressed, as pyarrow would write it
//   node interop.mjs read <file>    prints the file as JSON: its columns, their values and the codec of each column chunk
import { readFileSync, writeFileSync } from 'node:fs';
import * as arrow from 'apache-arrow';
import * as parquet from 'parquet-wasm';

const [command, file] = process.argv.slice(2);

if (command === 'write') {
  writeFileSync(file, parquet.writeParquet(parquet.Table.fromIPCStream(arrow.tableToIPC(referenceTable(), 'stream')), snappy()));
} else if (command === 'read') {
  process.stdout.write(JSON.stringify(await describe(readFileSync(file))) + '\n');
} else {
  console.error('usage: node interop.mjs write|read <file>');
  process.exit(2);
}

function snappy() {
  return new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.SNAPPY).build();
}

// Every column type a DataFrame carries, each with a null, as a pandas DataFrame with missing values would hold them.
function referenceTable() {
  const column = (type, values) => arrow.vectorFromArray(values, type);
  return new arrow.Table({
    int32: column(new arrow.Int32(), [1, -2, null]),
    int64: column(new arrow.Int64(), [9007199254740993n, null, -3n]),
    float64: column(new arrow.Float64(), [1.5, null, -0.25]),
    float32: column(new arrow.Float32(), [null, 2.5, 3]),
    bool: column(new arrow.Bool(), [true, false, null]),
    text: column(new arrow.Utf8(), ['héllo', null, '']),
    // Microseconds since the epoch, in UTC: what flyte-sdk's pandas writer leaves (coerce_timestamps="us").
    when: arrow.makeVector({
      type: new arrow.TimestampMicrosecond('UTC'),
      data: BigInt64Array.from([1700000000123456n, 0n, -1n]),
      nullCount: 1,
      nullBitmap: Uint8Array.from([0b011]),
    }),
    day: arrow.makeVector({
      type: new arrow.DateDay(),
      data: Int32Array.from([19000, -1, 0]),
      nullCount: 1,
      nullBitmap: Uint8Array.from([0b101]),
    }),
  });
}

async function describe(bytes) {
  const table = arrow.tableFromIPC(parquet.readParquet(bytes).intoIPCStream());
  const columns = table.schema.fields.map((field, index) => ({
    name: field.name,
    type: String(field.type),
    nullable: field.nullable,
    values: values(table.getChildAt(index)),
  }));
  return { rows: table.numRows, columns, codecs: await codecs(bytes) };
}

// Exact values: numbers as stored (64-bit integers and timestamps as decimal strings, dates as days since the epoch).
function values(vector) {
  const out = [];
  for (const chunk of vector.data) {
    const view = arrow.makeVector(chunk);
    const stored = [arrow.Type.Int, arrow.Type.Float, arrow.Type.Timestamp, arrow.Type.Date].includes(chunk.typeId);
    for (let i = 0; i < chunk.length; i++) {
      if (!chunk.getValid(i)) {
        out.push(null);
      } else if (stored) {
        const raw = chunk.values[chunk.offset + i];
        out.push(typeof raw === 'bigint' ? raw.toString() : raw);
      } else {
        out.push(view.get(i));
      }
    }
  }
  return out;
}

// The compression of every column chunk, from the footer as parquet-wasm reads it.
async function codecs(bytes) {
  const names = Object.fromEntries(Object.entries(parquet.Compression).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k]));
  const file = await parquet.ParquetFile.fromFile(new Blob([bytes]));
  const found = new Set();
  for (const group of file.metadata().rowGroups()) {
    for (const chunk of group.columns()) {
      found.add(names[chunk.compression()]);
    }
  }
  return [...found];
}
