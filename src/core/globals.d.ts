// The only runtime globals core code may use: Node and browsers both provide them (core runs in
// the worker, the extension host, the CLI and the webviews). Core's tsconfig sees no other
// environment, so `fs`, `Buffer`, `document` or `vscode` in core is a compile error.

interface TextDecoder {
  decode(input?: Uint8Array): string;
}
declare var TextDecoder: { new (label?: string, options?: { fatal?: boolean }): TextDecoder };

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { new (): TextEncoder };

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
}
