/**
 * Reading policy text: {@link dev.rpcwall.compiler.parse.PolicyReader} for the {@code .rpcwall}
 * syntax and {@link dev.rpcwall.compiler.parse.YamlPolicyReader} for the YAML form, both into the
 * AST. The ANTLR glue is package-private. Nothing here throws on user input: every problem is an
 * RW0xxx diagnostic. {@link dev.rpcwall.compiler.parse.ParsedFile} decides whether a file reads as
 * a policy at all, and so whether its text may be quoted in diagnostics.
 */
package dev.rpcwall.compiler.parse;
