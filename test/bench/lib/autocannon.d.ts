// The part of autocannon's programmatic API the benchmarks use (the package ships no types).
// Its result is read through a zod schema, not through these declarations.
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string;
    path: string;
    headers?: Record<string, string>;
  }

  interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
    timeout?: number;
  }

  function autocannon(options: AutocannonOptions): Promise<unknown>;
  export = autocannon;
}
