/**
 * Checks over what hosts carry ({@link dev.rpcwall.compiler.host.HostState}): the lint catalog
 * ({@link dev.rpcwall.compiler.lint.LintCatalog}: {@code RWL} IDs, each a {@link
 * dev.rpcwall.compiler.lint.LintRule} with its {@link dev.rpcwall.compiler.lint.Category}, severity
 * and hint; docs/lint.md has a section per ID), {@link dev.rpcwall.compiler.lint.Linter#lint} (the
 * findings of one host, with their evidence), and {@link
 * dev.rpcwall.compiler.lint.EffectiveView#render} (what the host lets in, for {@code lint
 * --show-effective}). How host conditions and legacy IPsec filters are read is said once, in
 * HostModel.
 */
package dev.rpcwall.compiler.lint;
