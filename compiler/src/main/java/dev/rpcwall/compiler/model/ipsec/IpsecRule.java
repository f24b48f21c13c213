package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One rule of a static IPsec policy (windows-semantics.md 5.1, 5.4): a filter list and the filter
 * action applied to every filter in it. {@code filters} carry {@code action} as their own action.
 * {@code filterList} and {@code filterAction} are the names the dialect gives them (ipsecpol and
 * ipseccmd create both implicitly from {@code -r}; they may then equal {@code name}).
 */
public record IpsecRule(
    String name, String filterList, String filterAction, IpsecAction action, List<IpsecFilter> filters) {
  public IpsecRule {
    requireNonNull(name, "name");
    requireNonNull(filterList, "filterList");
    requireNonNull(filterAction, "filterAction");
    requireNonNull(action, "action");
    filters = List.copyOf(filters);
    for (IpsecFilter f : filters) {
      if (f.action() != action) {
        throw new IllegalArgumentException("filter " + f + " does not carry the rule's action " + action);
      }
    }
  }
}
