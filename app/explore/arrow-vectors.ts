// Fast Arrow vectors from plain JS arrays. apache-arrow's vectorFromArray builds value by value and takes
// seconds for a few hundred thousand strings; writing the buffers directly takes milliseconds.
import { Bool, Float64, Int64, makeData, makeVector, Utf8, type Vector } from "apache-arrow";

function validity(values: ArrayLike<unknown>): { bitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap: nullCount ? bitmap : undefined, nullCount };
}

export function utf8Vector(values: ArrayLike<string | null | undefined>): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  let capacity = 1024;
  for (let i = 0; i < values.length; i++) capacity += (values[i]?.length ?? 0) * 3;
  let data = new Uint8Array(capacity);
  let position = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      if (position + v.length * 3 > data.length) {
        const grown = new Uint8Array(Math.max(data.length * 2, position + v.length * 3));
        grown.set(data.subarray(0, position));
        data = grown;
      }
      position += encoder.encodeInto(v, data.subarray(position)).written;
    }
    offsets[i + 1] = position;
  }
  const { bitmap, nullCount } = validity(values);
  return makeVector(
    makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap: bitmap, valueOffsets: offsets, data: data.subarray(0, position) }),
  );
}

export function float64Vector(values: ArrayLike<number | null | undefined>): Vector<Float64> {
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? 0;
  const { bitmap, nullCount } = validity(values);
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount, nullBitmap: bitmap, data }));
}

export function int64Vector(values: ArrayLike<bigint | null | undefined>): Vector<Int64> {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? 0n;
  const { bitmap, nullCount } = validity(values);
  return makeVector(makeData({ type: new Int64(), length: values.length, nullCount, nullBitmap: bitmap, data }));
}

export function boolVector(values: ArrayLike<boolean | null | undefined>): Vector<Bool> {
  const data = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) if (values[i]) data[i >> 3]! |= 1 << (i & 7);
  const { bitmap, nullCount } = validity(values);
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount, nullBitmap: bitmap, data }));
}

/** A vector for a column of mixed JS values: numbers, bigints and booleans keep their type; dates become ISO dates; the rest text. */
export function columnVector(values: unknown[]): Vector {
  const sample = values.find((v) => v !== null && v !== undefined);
  if (typeof sample === "number") return float64Vector(values as number[]);
  if (typeof sample === "bigint") return int64Vector(values as bigint[]);
  if (typeof sample === "boolean") return boolVector(values as boolean[]);
  return utf8Vector(
    values.map((v) =>
      v === null || v === undefined ? null : typeof v === "string" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "object" ? JSON.stringify(v) : String(v),
    ),
  );
}
