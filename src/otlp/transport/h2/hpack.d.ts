/** The part of hpack.js (https://github.com/indutny/hpack.js) the HTTP/2 client uses. */
declare module 'hpack.js' {
  interface HeaderField {
    name: string;
    value: string;
    neverIndex: boolean;
  }
  interface Decompressor {
    write(data: Buffer): boolean;
    /** Decodes what was written; a malformed block is emitted as 'error'. */
    execute(): void;
    read(): HeaderField | null;
    on(event: 'error', listener: (error: Error) => void): this;
    updateTableSize(size: number): void;
  }
  const hpack: { decompressor: { create(options: { table: { maxSize: number } }): Decompressor } };
  export default hpack;
}
