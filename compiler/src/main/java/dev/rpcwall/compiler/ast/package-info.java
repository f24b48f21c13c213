/**
 * The AST: immutable records mirroring the surface syntax of DESIGN.md section 3, each with its
 * span as first component. Nothing here is resolved or validated; that is {@code check}'s job.
 */
package dev.rpcwall.compiler.ast;
