import { createContext, useContext } from "react";

// The per-response CSP nonce (server.js makes it) for Remix's own inline scripts; empty in the browser, where the
// scripts have already run.
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
