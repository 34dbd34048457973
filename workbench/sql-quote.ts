// Quoting for SQL built as text (DuckDB, native and WASM): the one place identifiers and literals are escaped.

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;
