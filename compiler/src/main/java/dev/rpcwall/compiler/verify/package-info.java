/**
 * Translation validation: checks, region by region, that a WFAS rule set read back from emitted
 * text decides exactly as the policy's decision function. May depend on {@code semantics} and
 * {@code model}; never enumerates ports or addresses one by one.
 */
package dev.rpcwall.compiler.verify;
