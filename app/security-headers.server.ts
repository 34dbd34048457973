// Headers every response carries (pages, JSON, CSV, downloads, static files), set by server.js before anything else.
// Scripts run only from our origin or with this response's nonce (Remix's inline scripts); WebAssembly may compile
// (DuckDB-WASM, TensorFlow.js, parquet-wasm) but no string is ever evaluated as code; nothing may frame the app.

export function securityHeaders(nonce: string): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    // React renders style attributes (chart heights, progress bars); styles cannot run script
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": policy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
