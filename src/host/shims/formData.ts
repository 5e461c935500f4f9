// Stands in for the 'form-data' package in the bundle (esbuild alias). axios imports it
// for multipart uploads, which DX Pulse never sends; the real package drags mime-db
// (~140 KB) into the extension. axios only needs a class to test `instanceof` against.
export default class FormData {}
