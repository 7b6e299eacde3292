// The `proxy` package ships ESM types that this project's CommonJS module resolution cannot read;
// this is the part of its API the tests use (Node loads the package itself through require(esm)).
declare module 'proxy' {
  import type { Server } from 'node:http';
  export function createProxy(server?: Server): Server;
}
