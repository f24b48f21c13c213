/**
 * Test helpers shared with the emitters and cli tests through the compiler test-jar: random
 * address sets and policies, random policy sources (text and YAML), the boundary addresses of
 * sets, two naive reference evaluators written independently of the production code (one over
 * resolved policies, one from the ANTLR parse tree of the text), and seeded property runs.
 */
package dev.rpcwall.compiler.testing;
