/**
 * Lowering: the policy's decision function to a target model, computed region by region rather
 * than translated rule by rule, so first-match policies become correct order-free WFAS rules. May
 * depend on {@code ir}, {@code semantics} and {@code model}; pure (no I/O, no clock), and the same
 * policy always lowers to equal rule sets with the same names.
 */
package dev.rpcwall.compiler.lower;
