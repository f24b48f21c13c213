package dev.rpcwall.compiler.ir;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A resolved policy: the input of the decision function and of every target. Rules are in source
 * order (first match wins); {@code sourceName} is the main file as the user named it. {@code defaultOrigin} is {@link SourceSpan#UNKNOWN} when the policy has
 * no {@code default} statement (then the default is {@code block}). {@code replaces} names the
 * earlier policies (by their exact names) whose rules and state this policy takes over on a host,
 * so that renaming a policy does not leave the old version's rules enforcing.
 */
public record Policy(
    String name,
    SourceSpan nameOrigin,
    Optional<String> description,
    SourceSpan descriptionOrigin,
    List<Rule> rules,
    Action defaultAction,
    SourceSpan defaultOrigin,
    RpcSettings rpc,
    String sourceName,
    List<Replaced> replaces) {
  /** An earlier policy name this one replaces, and where the policy says so. */
  public record Replaced(String name, SourceSpan origin) {
    public Replaced {
      requireNonNull(name, "name");
      requireNonNull(origin, "origin");
    }
  }

  /** A policy that replaces no earlier one. */
  public Policy(
      String name,
      SourceSpan nameOrigin,
      Optional<String> description,
      SourceSpan descriptionOrigin,
      List<Rule> rules,
      Action defaultAction,
      SourceSpan defaultOrigin,
      RpcSettings rpc,
      String sourceName) {
    this(name, nameOrigin, description, descriptionOrigin, rules, defaultAction, defaultOrigin, rpc,
        sourceName, List.of());
  }

  public Policy {
    requireNonNull(name, "name");
    requireNonNull(nameOrigin, "nameOrigin");
    requireNonNull(description, "description");
    requireNonNull(descriptionOrigin, "descriptionOrigin");
    rules = List.copyOf(rules);
    requireNonNull(defaultAction, "defaultAction");
    requireNonNull(defaultOrigin, "defaultOrigin");
    requireNonNull(rpc, "rpc");
    requireNonNull(sourceName, "sourceName");
    replaces = List.copyOf(replaces);
  }

  /** Short form: the rules' address sets can be huge. */
  @Override
  public String toString() {
    return "policy \"" + name + "\" from " + sourceName + " (" + rules.size() + " rules, default "
        + defaultAction.keyword() + ")";
  }
}
