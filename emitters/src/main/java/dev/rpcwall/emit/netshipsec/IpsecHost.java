package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecRule;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local static IPsec store as one path through a script leaves it (windows-semantics.md 5.1,
 * 5.4): policies with their rules, and the filter lists and filter actions, which are objects of
 * their own that rules refer to by name (so a filter added to a list after the rule counts, and
 * deleting a policy leaves its lists and actions). Mutable; {@link #copy} for a fork.
 */
final class IpsecHost {
  /** A filter as a list holds it: everything but the action, which comes from the rule. */
  record Spec(
      IpsecAddress source,
      IpsecAddress destination,
      int protocol,
      int sourcePort,
      int destinationPort,
      boolean mirrored) {
    IpsecFilter with(IpsecAction action) {
      return new IpsecFilter(
          source, destination, protocol, sourcePort, destinationPort, mirrored, action);
    }
  }

  record RuleObj(String list, String action, boolean active) {}

  static final class PolicyObj {
    boolean assigned;
    final LinkedHashMap<String, RuleObj> rules = new LinkedHashMap<>();

    PolicyObj copy() {
      PolicyObj p = new PolicyObj();
      p.assigned = assigned;
      p.rules.putAll(rules);
      return p;
    }
  }

  final LinkedHashMap<String, PolicyObj> policies = new LinkedHashMap<>();
  final LinkedHashMap<String, List<Spec>> lists = new LinkedHashMap<>();
  final LinkedHashMap<String, IpsecAction> actions = new LinkedHashMap<>();

  /** The RPC settings the path leaves, once it has ended. */
  dev.rpcwall.compiler.ir.RpcSettings rpc = dev.rpcwall.compiler.ir.RpcSettings.NONE;

  /** Same policies, lists and actions, by name, contents and order. */
  boolean sameObjects(IpsecHost o) {
    if (!policies.keySet().equals(o.policies.keySet()) || !lists.equals(o.lists)
        || !actions.equals(o.actions)) {
      return false;
    }
    for (Map.Entry<String, PolicyObj> e : policies.entrySet()) {
      PolicyObj other = o.policies.get(e.getKey());
      if (other.assigned != e.getValue().assigned || !other.rules.equals(e.getValue().rules)) {
        return false;
      }
    }
    return true;
  }

  /** The lists this path alone holds, so it may change them in place. */
  private final java.util.Set<String> owned = new java.util.HashSet<>();

  IpsecHost copy() {
    IpsecHost h = new IpsecHost();
    policies.forEach((k, v) -> h.policies.put(k, v.copy()));
    // Lists are copied lazily by the writer (copy-on-write): a fork shares them until one adds.
    lists.forEach((k, v) -> h.lists.put(k, v));
    owned.clear();
    h.actions.putAll(actions);
    return h;
  }

  /** The list named {@code name}, ready to be changed by this path only. */
  List<Spec> ownList(String name) {
    List<Spec> l = lists.get(name);
    if (l != null && owned.contains(name)) {
      return l;
    }
    List<Spec> mine = new ArrayList<>(l == null ? List.of() : l);
    lists.put(name, mine);
    owned.add(name);
    return mine;
  }

  void assign(String name) {
    // windows-semantics.md 5.1 rule 3: assigning one policy unassigns any other.
    policies.forEach((k, p) -> p.assigned = k.equals(name));
  }

  /** The store as the model holds it; inactive rules filter nothing and are left out. */
  IpsecStore toStore(dev.rpcwall.compiler.ir.RpcSettings rpc) {
    List<IpsecPolicy> out = new ArrayList<>();
    for (Map.Entry<String, PolicyObj> e : policies.entrySet()) {
      List<IpsecRule> rules = new ArrayList<>();
      for (Map.Entry<String, RuleObj> r : e.getValue().rules.entrySet()) {
        RuleObj o = r.getValue();
        if (!o.active()) {
          continue;
        }
        IpsecAction action = actions.get(o.action());
        List<IpsecFilter> filters = new ArrayList<>();
        for (Spec s : lists.getOrDefault(o.list(), List.of())) {
          filters.add(s.with(action));
        }
        rules.add(new IpsecRule(r.getKey(), o.list(), o.action(), action, filters));
      }
      out.add(new IpsecPolicy(e.getKey(), e.getValue().assigned, rules));
    }
    return new IpsecStore(out, List.of(), rpc);
  }

  /** The host objects of {@code store}: its policies, and the lists and actions their rules use. */
  static IpsecHost of(IpsecStore store) {
    IpsecHost h = new IpsecHost();
    for (IpsecPolicy p : store.policies()) {
      PolicyObj o = new PolicyObj();
      o.assigned = p.assigned();
      for (IpsecRule r : p.rules()) {
        o.rules.put(r.name(), new RuleObj(r.filterList(), r.filterAction(), true));
        List<Spec> specs = new ArrayList<>();
        for (IpsecFilter f : r.filters()) {
          specs.add(
              new Spec(f.source(), f.destination(), f.protocol(), f.sourcePort(),
                  f.destinationPort(), f.mirrored()));
        }
        h.lists.put(r.filterList(), specs);
        h.actions.put(r.filterAction(), r.action());
      }
      h.policies.put(p.name(), o);
    }
    return h;
  }
}
