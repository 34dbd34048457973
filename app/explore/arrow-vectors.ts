// Arrow vectors and tables the fast way. A string vector from a JS array: apache-arrow's vectorFromArray builds value by
// value and takes seconds for a few hundred thousand strings; writing the buffers directly takes milliseconds.
import { makeData, makeVector, Utf8, type Table, type Vector } from "apache-arrow";

export function utf8Vector(values: ArrayLike<string | null | undefined>): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  let capacity = 1024;
  for (let i = 0; i < values.length; i++) capacity += (values[i]?.length ?? 0) * 3;
  const data = new Uint8Array(capacity);
  let position = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else {
      bitmap[i >> 3]! |= 1 << (i & 7);
      position += encoder.encodeInto(v, data.subarray(position)).written;
    }
    offsets[i + 1] = position;
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      nullCount,
      nullBitmap: nullCount ? bitmap : undefined,
      valueOffsets: offsets,
      data: data.subarray(0, position),
    }),
  );
}

/**
 * A query's cells by row and column, read one record batch at a time as the rows are asked for in order: turning every
 * column into an array first blocked the page for about 1.7 s on 100,000 lines before a row was written.
 */
export function cellReader(table: Table): (row: number, column: number) => unknown {
  const batches = table.batches;
  let index = -1;
  let start = 0;
  let end = 0;
  let columns: { values: ArrayLike<unknown>; valid: (i: number) => boolean }[] = [];
  return (row, column) => {
    if (row < start || row >= end) {
      // forward in order; from the first batch again when asked for an earlier row
      if (row < start) [index, end] = [-1, 0];
      while (row >= end) {
        index++;
        start = end;
        end += batches[index]!.numRows;
      }
      const batch = batches[index]!;
      columns = table.schema.fields.map((_, c) => {
        const vector = batch.getChildAt(c)!;
        // typed arrays hide nulls: validity is read per row
        return { values: vector.toArray() as ArrayLike<unknown>, valid: (i: number) => vector.isValid(i) };
      });
    }
    const cells = columns[column]!;
    return cells.valid(row - start) ? cells.values[row - start] : null;
  };
}
