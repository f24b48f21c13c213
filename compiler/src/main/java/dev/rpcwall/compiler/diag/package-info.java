/**
 * Diagnostics: the collector every phase reports to, the result type, and the renderer. Codes are
 * stable: RW0xxx syntax, RW1xxx names and meaning, RW2xxx target capability, RW3xxx lint.
 */
package dev.rpcwall.compiler.diag;
