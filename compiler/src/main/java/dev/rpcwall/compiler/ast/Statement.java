package dev.rpcwall.compiler.ast;

/** A top-level statement of a policy file. */
public sealed interface Statement extends Node
    permits PolicyDecl,
        DescriptionDecl,
        ReplacesDecl,
        ImportDecl,
        NetworkDecl,
        ServiceDecl,
        RpcBlock,
        RuleDecl,
        DefaultDecl {
  <R> R accept(StatementVisitor<R> visitor);
}
