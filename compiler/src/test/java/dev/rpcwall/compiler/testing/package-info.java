/**
 * Test helpers shared with the emitters and cli tests through the compiler test-jar: random
 * address sets and policies, the boundary addresses of sets, a naive first-match reference
 * evaluator written independently of the decision-function code, and seeded property runs.
 */
package dev.rpcwall.compiler.testing;
