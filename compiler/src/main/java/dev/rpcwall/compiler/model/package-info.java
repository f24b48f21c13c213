/**
 * Target-neutral models of what runs on Windows, with their evaluators: WFAS rule sets (block
 * beats allow, windows-semantics.md section 2.1). The evaluators are the single source of truth for
 * "what does Windows do with these rules".
 */
package dev.rpcwall.compiler.model;
