/**
 * Source files and spans. Every diagnostic and every IR node points back to a {@link
 * dev.rpcwall.compiler.source.SourceSpan}; columns are UTF-16 chars, 1-based.
 */
package dev.rpcwall.compiler.source;
