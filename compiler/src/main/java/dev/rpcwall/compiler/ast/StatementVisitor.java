package dev.rpcwall.compiler.ast;

/** Visitor over {@link Statement}; adding a statement type breaks every visitor until handled. */
public interface StatementVisitor<R> {
  R visitPolicy(PolicyDecl node);

  R visitDescription(DescriptionDecl node);

  R visitReplaces(ReplacesDecl node);

  R visitImport(ImportDecl node);

  R visitNetwork(NetworkDecl node);

  R visitService(ServiceDecl node);

  R visitRpc(RpcBlock node);

  R visitRule(RuleDecl node);

  R visitDefault(DefaultDecl node);
}
