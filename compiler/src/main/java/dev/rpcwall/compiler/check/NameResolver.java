package dev.rpcwall.compiler.check;

import dev.rpcwall.compiler.ast.AddressLit;
import dev.rpcwall.compiler.ast.AstPrinter;
import dev.rpcwall.compiler.ast.DefaultDecl;
import dev.rpcwall.compiler.ast.DescriptionDecl;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.NetworkExpr;
import dev.rpcwall.compiler.ast.NetworkItem;
import dev.rpcwall.compiler.ast.NetworkRef;
import dev.rpcwall.compiler.ast.PolicyDecl;
import dev.rpcwall.compiler.ast.PortLit;
import dev.rpcwall.compiler.ast.PortRangeLit;
import dev.rpcwall.compiler.ast.ProfileRef;
import dev.rpcwall.compiler.ast.ReplacesDecl;
import dev.rpcwall.compiler.ast.RpcBlock;
import dev.rpcwall.compiler.ast.RpcSetting;
import dev.rpcwall.compiler.ast.RuleDecl;
import dev.rpcwall.compiler.ast.ServiceDecl;
import dev.rpcwall.compiler.ast.ServiceItem;
import dev.rpcwall.compiler.ast.ServiceRef;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.ast.StringLit;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PolicyChecks;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.semantics.RpcChecks;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Resolves the files of one policy into an {@link Policy}: every name replaced by its address or
 * port set, every RW10xx-RW11xx check of docs/language.md applied (those of the {@code rpc {}}
 * settings through {@link RpcChecks}, on the resolved values). All files share one namespace
 * for networks and one for services. Reference chains are resolved with explicit stacks, so a
 * 10,000-deep chain cannot overflow the thread's stack.
 */
public final class NameResolver {
  static final List<String> BUILTIN_NETWORKS = List.of("any", "any4", "any6");
  static final List<String> BUILTIN_SERVICES = List.of("endpoint-mapper", "rpc-dynamic", "wmi");

  private final List<LoadedFile> files;
  private final Diagnostics diagnostics;

  private final Map<String, Def<NetworkDecl>> networks = new LinkedHashMap<>();
  private final Map<String, Def<ServiceDecl>> services = new LinkedHashMap<>();
  private final Map<String, Net> networkValues = new HashMap<>();
  private final Map<String, Svc> serviceValues = new HashMap<>();
  private final Map<AddressLit, Net> literalValues = new IdentityHashMap<>();
  /** Values of rules' service lists that are only names, by those names. */
  private final Map<List<String>, Svc> namedServiceLists = new HashMap<>();

  private Optional<PortSet> dynamicPorts = Optional.empty();
  private SourceSpan dynamicOrigin = SourceSpan.UNKNOWN;
  private OptionalInt wmiPort = OptionalInt.empty();
  private SourceSpan wmiOrigin = SourceSpan.UNKNOWN;

  private record Def<T extends Statement>(T decl, LoadedFile file) {}

  /** A resolved network; {@code ok} is false when an error was reported on the way. */
  private record Net(AddressSet set, boolean ok) {}

  /**
   * A resolved service; {@code literal*} leave out the ports that come from the built-ins, for
   * the overlap check with the dynamic range (which the built-ins contain by definition).
   */
  private record Svc(PortSet tcp, PortSet udp, PortSet literalTcp, PortSet literalUdp, boolean ok) {
    static final Svc EMPTY_ERROR =
        new Svc(PortSet.empty(), PortSet.empty(), PortSet.empty(), PortSet.empty(), false);
  }

  private NameResolver(List<LoadedFile> files, Diagnostics diagnostics) {
    this.files = files;
    this.diagnostics = diagnostics;
  }

  /**
   * Resolves {@code files} (the main file first, see {@link ImportLoader#load}); empty when the
   * main file is missing or any error was reported.
   */
  public static Optional<Policy> resolve(List<LoadedFile> files, Diagnostics diagnostics) {
    if (files.isEmpty() || !files.get(0).main()) {
      return Optional.empty();
    }
    return new NameResolver(files, diagnostics).run();
  }

  private Optional<Policy> run() {
    LoadedFile main = files.get(0);
    PolicyDecl policy = null;
    DescriptionDecl description = null;
    DefaultDecl defaultDecl = null;
    RpcBlock rpc = null;
    List<ReplacesDecl> replacesDecls = new ArrayList<>();
    List<Def<RuleDecl>> ruleDecls = new ArrayList<>();
    for (LoadedFile f : files) {
      List<Statement> statements = f.ast().statements();
      for (int i = 0; i < statements.size(); i++) {
        Statement s = statements.get(i);
        if (s instanceof NetworkDecl n) {
          define(networks, n.name().name(), new Def<>(n, f), BUILTIN_NETWORKS, "network", n.name().span());
          continue;
        }
        if (s instanceof ServiceDecl d) {
          define(services, d.name().name(), new Def<>(d, f), BUILTIN_SERVICES, "service", d.name().span());
          continue;
        }
        if (s instanceof ImportDecl) {
          continue;
        }
        if (!f.main()) {
          diagnostics.error(
              Codes.IMPORT_NOT_ALLOWED,
              s.span(),
              "an imported file may only contain import, network and service statements",
              "move this statement into the main policy file");
          continue;
        }
        if (s instanceof PolicyDecl p) {
          if (policy != null) {
            duplicate(s, "policy", policy.span());
          } else {
            policy = p;
            if (i != 0) {
              diagnostics.error(
                  Codes.POLICY_NOT_FIRST,
                  s.span(),
                  "'policy' must be the first statement",
                  "move it to the top of the file (comments may precede it)");
            }
          }
        } else if (s instanceof DescriptionDecl d) {
          if (description != null) {
            duplicate(s, "description", description.span());
          } else {
            description = d;
          }
        } else if (s instanceof ReplacesDecl r) {
          // Like description, replaces may stand anywhere in the main file; unlike it, it may
          // repeat (one statement per replaced policy reads well in a long history).
          replacesDecls.add(r);
        } else if (s instanceof DefaultDecl d) {
          if (defaultDecl != null) {
            duplicate(s, "default", defaultDecl.span());
          } else {
            defaultDecl = d;
          }
        } else if (s instanceof RpcBlock r) {
          if (rpc != null) {
            duplicate(s, "rpc", rpc.span());
          } else {
            rpc = r;
          }
        } else if (s instanceof RuleDecl r) {
          ruleDecls.add(new Def<>(r, f));
        }
      }
    }
    if (policy == null) {
      diagnostics.error(
          Codes.POLICY_MISSING,
          main.ast().statements().isEmpty()
              ? main.source().spanAt(0, 0)
              : main.ast().statements().get(0).span(),
          "the policy has no name",
          "start the file with: policy \"Name of the policy\"");
    }
    if (rpc != null) {
      rpcSettings(rpc);
    }
    List<Policy.Replaced> replaced = replaced(replacesDecls, policy);

    // Every definition is resolved even when unused, so its errors are reported.
    for (String name : networks.keySet()) {
      network(name);
    }
    for (String name : services.keySet()) {
      service(name);
    }
    List<Rule> rules = new ArrayList<>(ruleDecls.size());
    for (Def<RuleDecl> def : ruleDecls) {
      RuleDecl r = def.decl();
      Net from = expr(r.from());
      Svc to = serviceItems(r.to());
      Set<Profile> profiles = EnumSet.noneOf(Profile.class);
      for (ProfileRef p : r.profiles()) {
        profiles.add(p.profile());
      }
      if (profiles.isEmpty()) {
        profiles = EnumSet.allOf(Profile.class);
      }
      if (from.ok() && to.ok()) {
        rules.add(
            new Rule(rules.size(), r.action(), from.set(), to.tcp(), to.udp(), profiles, r.span(),
                ruleText(def)));
      }
    }
    checkDynamicOverlaps(ruleDecls);
    if (diagnostics.hasErrors() || policy == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Policy(
            policy.name().value(),
            // Target errors about the name point at the string itself.
            policy.name().span(),
            description == null ? Optional.empty() : Optional.of(description.text().value()),
            description == null ? SourceSpan.UNKNOWN : description.text().span(),
            rules,
            defaultDecl == null ? Action.BLOCK : defaultDecl.action(),
            defaultDecl == null ? SourceSpan.UNKNOWN : defaultDecl.span(),
            new RpcSettings(dynamicPorts, dynamicOrigin, wmiPort, wmiOrigin),
            main.source().name(),
            replaced));
  }

  /**
   * The earlier policies named by the {@code replaces} statements, each once, in source order.
   * Names are exact strings, as policy identity is (compiler/target/Slug): "Branch RPC" and
   * "branch rpc" are different policies, so no case or space folding happens here.
   */
  private List<Policy.Replaced> replaced(List<ReplacesDecl> decls, PolicyDecl policy) {
    List<Policy.Replaced> out = new ArrayList<>();
    Map<String, SourceSpan> seen = new HashMap<>();
    for (ReplacesDecl decl : decls) {
      for (StringLit name : decl.names()) {
        String value = name.value();
        if (value.isEmpty()) {
          diagnostics.error(
              Codes.REPLACES_EMPTY,
              name.span(),
              "'replaces' names an empty policy name",
              "write the exact name of the earlier policy, as its 'policy' statement gave it");
          continue;
        }
        if (policy != null && value.equals(policy.name().value())) {
          // A policy that removes its own rules and state on apply would undo itself.
          diagnostics.error(
              Codes.REPLACES_SELF,
              name.span(),
              "'replaces' names this policy itself",
              "a policy already takes over its own earlier version; name the policy it was"
                  + " renamed from");
          continue;
        }
        SourceSpan first = seen.putIfAbsent(value, name.span());
        if (first != null) {
          diagnostics.warning(
              Codes.REPLACES_DUPLICATE,
              name.span(),
              "policy " + AstPrinter.quote(value) + " is already replaced",
              "first named at " + first.location() + "; remove this one");
          continue;
        }
        out.add(new Policy.Replaced(value, name.span()));
      }
    }
    return out;
  }

  private <T extends Statement> void define(
      Map<String, Def<T>> table, String name, Def<T> def, List<String> builtins, String kind,
      SourceSpan at) {
    if (builtins.contains(name)) {
      diagnostics.error(
          Codes.BUILTIN_REDEFINED,
          at,
          "'" + name + "' is a built-in " + kind + " and cannot be redefined",
          "choose another name");
      return;
    }
    Def<T> first = table.get(name);
    if (first != null) {
      diagnostics.error(
          Codes.DUPLICATE_NAME,
          at,
          kind + " '" + name + "' is already defined",
          "first defined at " + first.decl().span().location());
      return;
    }
    table.put(name, def);
  }

  private void duplicate(Statement s, String what, SourceSpan first) {
    diagnostics.error(
        Codes.DUPLICATE_STATEMENT,
        s.span(),
        "'" + what + "' may appear only once",
        "first given at " + first.location());
  }

  // RPC settings
  // ============

  private void rpcSettings(RpcBlock rpc) {
    boolean sawDynamic = false;
    boolean sawWmi = false;
    for (RpcSetting setting : rpc.settings()) {
      if (setting instanceof RpcSetting.DynamicPorts d) {
        if (sawDynamic) {
          diagnostics.error(
              Codes.DUPLICATE_STATEMENT, d.span(), "'dynamic ports' may appear only once",
              "list every range in one statement: dynamic ports 5001-5100, 6001-6100");
          continue;
        }
        sawDynamic = true;
        List<PortRange> ranges = new ArrayList<>();
        boolean ok = true;
        for (PortRangeLit r : d.ranges()) {
          Optional<PortRange> range = portRange(r);
          range.ifPresent(ranges::add);
          ok &= range.isPresent();
        }
        if (!ok) {
          continue;
        }
        PortSet set = PortSet.of(ranges);
        dynamicPorts = Optional.of(set);
        dynamicOrigin = d.span();
        RpcChecks.dynamicRange(set, d.span(), diagnostics);
      } else if (setting instanceof RpcSetting.WmiFixedPort w) {
        if (sawWmi) {
          diagnostics.error(
              Codes.DUPLICATE_STATEMENT, w.span(), "'wmi fixed port' may appear only once");
          continue;
        }
        sawWmi = true;
        Optional<PortRange> range = portRange(w.port());
        if (range.isEmpty()) {
          continue;
        }
        if (RpcChecks.wmiFixedPort(range.get(), w.port().isSingle(), w.port().span(), diagnostics)) {
          wmiPort = OptionalInt.of(range.get().first());
          wmiOrigin = w.span();
        }
      }
    }
  }

  /** RW1042 (RpcChecks): the dynamic range against the ports the policy's services name. */
  private void checkDynamicOverlaps(List<Def<RuleDecl>> rules) {
    if (dynamicPorts.isEmpty()) {
      return;
    }
    List<RpcChecks.Listener> others = new ArrayList<>();
    for (Map.Entry<String, Def<ServiceDecl>> e : services.entrySet()) {
      Svc svc = serviceValues.get(e.getKey());
      if (svc != null) {
        others.add(new RpcChecks.Listener("service '" + e.getKey() + "'",
            svc.literalTcp().union(svc.literalUdp()), e.getValue().decl().span(), true));
      }
    }
    for (Def<RuleDecl> def : rules) {
      for (ServiceItem item : def.decl().to()) {
        if (item instanceof PortLit lit) {
          Svc svc = portLit(lit, false);
          others.add(new RpcChecks.Listener("a rule's ports",
              svc.literalTcp().union(svc.literalUdp()), lit.span(), true));
        }
      }
    }
    RpcChecks.dynamicOverlaps(
        dynamicPorts.get(), dynamicOrigin, wmiPort, wmiOrigin, others, diagnostics);
  }

  // Networks
  // ========

  private record Frame(String name, List<NetworkItem> items, int[] next) {}

  /** Resolves a defined network and everything it refers to, iteratively. */
  private Net network(String root) {
    Net known = networkValues.get(root);
    if (known != null) {
      return known;
    }
    Map<String, Boolean> onStack = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(frame(root));
    onStack.put(root, true);
    // Refs that close a cycle resolve to an error value the first time they are met.
    Map<NetworkRef, Net> cycleRefs = new IdentityHashMap<>();
    while (!stack.isEmpty()) {
      Frame top = stack.peek();
      boolean descended = false;
      while (top.next()[0] < top.items().size()) {
        NetworkItem item = top.items().get(top.next()[0]++);
        if (!(item instanceof NetworkRef ref)) {
          continue;
        }
        String name = ref.name().name();
        if (!networks.containsKey(name) || networkValues.containsKey(name)) {
          continue;
        }
        if (Boolean.TRUE.equals(onStack.get(name))) {
          List<String> chain = new ArrayList<>();
          boolean in = false;
          for (var it = stack.descendingIterator(); it.hasNext(); ) {
            String n = it.next().name();
            in |= n.equals(name);
            if (in) {
              chain.add(n);
            }
          }
          chain.add(name);
          diagnostics.error(
              Codes.REFERENCE_CYCLE,
              ref.span(),
              "network '" + name + "' refers to itself: " + String.join(" -> ", chain));
          cycleRefs.put(ref, new Net(AddressSet.empty(), false));
          continue;
        }
        stack.push(frame(name));
        onStack.put(name, true);
        descended = true;
        break;
      }
      if (descended) {
        continue;
      }
      stack.pop();
      onStack.put(top.name(), false);
      Def<NetworkDecl> def = networks.get(top.name());
      networkValues.put(top.name(), expr(def.decl().value(), cycleRefs));
    }
    return networkValues.get(root);
  }

  private Frame frame(String name) {
    NetworkExpr e = networks.get(name).decl().value();
    List<NetworkItem> items = new ArrayList<>(e.include());
    items.addAll(e.exclude());
    return new Frame(name, items, new int[] {0});
  }

  private Net expr(NetworkExpr e) {
    // Rules may refer to networks that are not resolved yet only if they are unknown; definitions
    // were all resolved before the rules.
    for (NetworkItem item : e.include()) {
      if (item instanceof NetworkRef ref && networks.containsKey(ref.name().name())) {
        network(ref.name().name());
      }
    }
    for (NetworkItem item : e.exclude()) {
      if (item instanceof NetworkRef ref && networks.containsKey(ref.name().name())) {
        network(ref.name().name());
      }
    }
    return expr(e, Map.of());
  }

  /** {@code include} minus {@code exclude}; every referenced definition is already resolved. */
  private Net expr(NetworkExpr e, Map<NetworkRef, Net> cycleRefs) {
    Net include = union(e.include(), cycleRefs);
    if (e.exclude().isEmpty()) {
      return include;
    }
    Net exclude = union(e.exclude(), cycleRefs);
    AddressSet result = include.set().minus(exclude.set());
    boolean ok = include.ok() && exclude.ok();
    if (ok && result.isEmpty()) {
      diagnostics.error(
          Codes.NETWORK_EMPTY,
          e.span(),
          "nothing is left of this network after 'except'",
          "the excluded addresses cover everything included");
      ok = false;
    }
    return new Net(result, ok);
  }

  private Net union(List<NetworkItem> items, Map<NetworkRef, Net> cycleRefs) {
    if (items.size() == 1) {
      // A set is already merged: re-merging its intervals would copy 100,000 of them for
      // `allow big-list to ...`.
      NetworkItem item = items.get(0);
      return item instanceof NetworkRef ref
          ? (cycleRefs.containsKey(ref) ? cycleRefs.get(ref) : ref(ref))
          : literal((AddressLit) item);
    }
    // Collect the sets and merge once: unions one by one would be quadratic on long lists.
    List<AddressSet> sets = new ArrayList<>(items.size());
    boolean ok = true;
    for (NetworkItem item : items) {
      Net value;
      if (item instanceof NetworkRef ref) {
        value = cycleRefs.containsKey(ref) ? cycleRefs.get(ref) : ref(ref);
      } else {
        value = literal((AddressLit) item);
      }
      ok &= value.ok();
      sets.add(value.set());
    }
    return new Net(AddressSet.union(sets), ok);
  }

  private Net ref(NetworkRef ref) {
    String name = ref.name().name();
    switch (name) {
      case "any":
        return new Net(AddressSet.all(), true);
      case "any4":
        return new Net(AddressSet.all(IpFamily.IPV4), true);
      case "any6":
        return new Net(AddressSet.all(IpFamily.IPV6), true);
      default:
        break;
    }
    Net value = networkValues.get(name);
    if (value != null) {
      return value;
    }
    List<String> candidates = new ArrayList<>(networks.keySet());
    candidates.addAll(BUILTIN_NETWORKS);
    String hint =
        services.containsKey(name) || BUILTIN_SERVICES.contains(name)
            ? "'" + name + "' is a service, not a network"
            : Suggestions.didYouMean(name, candidates).orElse(null);
    diagnostics.error(Codes.UNKNOWN_NETWORK, ref.span(), "unknown network '" + name + "'", hint);
    return new Net(AddressSet.empty(), false);
  }

  private Net literal(AddressLit lit) {
    Net known = literalValues.get(lit);
    if (known != null) {
      return known;
    }
    Net value;
    AddressEntries.Parsed parsed = AddressEntries.parse(lit.text());
    if (parsed instanceof AddressEntries.Ok ok) {
      ok.hostBitsMeant()
          .ifPresent(
              meant ->
                  diagnostics.warning(
                      Codes.ADDRESS_HOST_BITS,
                      lit.span(),
                      "'" + lit.text() + "' has host bits set; it means " + meant,
                      "write " + meant + " to say so"));
      value = new Net(ok.set(), true);
    } else {
      AddressEntries.Bad bad = (AddressEntries.Bad) parsed;
      diagnostics.error(Codes.ADDRESS_INVALID, lit.span(), bad.message(), bad.hint());
      value = new Net(AddressSet.empty(), false);
    }
    literalValues.put(lit, value);
    return value;
  }

  // Services
  // ========

  private record SvcFrame(String name, List<ServiceItem> items, int[] next) {}

  private Svc service(String root) {
    Svc known = serviceValues.get(root);
    if (known != null) {
      return known;
    }
    Map<String, Boolean> onStack = new HashMap<>();
    Deque<SvcFrame> stack = new ArrayDeque<>();
    stack.push(new SvcFrame(root, services.get(root).decl().items(), new int[] {0}));
    onStack.put(root, true);
    Map<ServiceRef, Svc> cycleRefs = new IdentityHashMap<>();
    while (!stack.isEmpty()) {
      SvcFrame top = stack.peek();
      boolean descended = false;
      while (top.next()[0] < top.items().size()) {
        ServiceItem item = top.items().get(top.next()[0]++);
        if (!(item instanceof ServiceRef ref)) {
          continue;
        }
        String name = ref.name().name();
        if (!services.containsKey(name) || serviceValues.containsKey(name)) {
          continue;
        }
        if (Boolean.TRUE.equals(onStack.get(name))) {
          List<String> chain = new ArrayList<>();
          boolean in = false;
          for (var it = stack.descendingIterator(); it.hasNext(); ) {
            String n = it.next().name();
            in |= n.equals(name);
            if (in) {
              chain.add(n);
            }
          }
          chain.add(name);
          diagnostics.error(
              Codes.REFERENCE_CYCLE,
              ref.span(),
              "service '" + name + "' refers to itself: " + String.join(" -> ", chain));
          cycleRefs.put(ref, Svc.EMPTY_ERROR);
          continue;
        }
        stack.push(new SvcFrame(name, services.get(name).decl().items(), new int[] {0}));
        onStack.put(name, true);
        descended = true;
        break;
      }
      if (descended) {
        continue;
      }
      stack.pop();
      onStack.put(top.name(), false);
      serviceValues.put(top.name(), serviceItems(top.items(), cycleRefs));
    }
    return serviceValues.get(root);
  }

  private Svc serviceItems(List<ServiceItem> items) {
    List<String> names = new ArrayList<>(items.size());
    for (ServiceItem item : items) {
      if (item instanceof ServiceRef ref) {
        names.add(ref.name().name());
        if (services.containsKey(ref.name().name())) {
          service(ref.name().name());
        }
      }
    }
    boolean onlyNames = names.size() == items.size();
    if (onlyNames) {
      // Rules mostly name the same few services; the same names always give the same value, and
      // a value without errors reported nothing on the way, so it can be reused.
      Svc known = namedServiceLists.get(names);
      if (known != null) {
        return known;
      }
    }
    Svc value = serviceItems(items, Map.of());
    if (onlyNames && value.ok()) {
      namedServiceLists.put(names, value);
    }
    return value;
  }

  private Svc serviceItems(List<ServiceItem> items, Map<ServiceRef, Svc> cycleRefs) {
    List<PortRange> tcp = new ArrayList<>();
    List<PortRange> udp = new ArrayList<>();
    List<PortRange> literalTcp = new ArrayList<>();
    List<PortRange> literalUdp = new ArrayList<>();
    boolean ok = true;
    for (ServiceItem item : items) {
      Svc value;
      if (item instanceof ServiceRef ref) {
        value = cycleRefs.containsKey(ref) ? cycleRefs.get(ref) : serviceRef(ref);
      } else {
        value = portLit((PortLit) item, true);
      }
      ok &= value.ok();
      tcp.addAll(value.tcp().ranges());
      udp.addAll(value.udp().ranges());
      literalTcp.addAll(value.literalTcp().ranges());
      literalUdp.addAll(value.literalUdp().ranges());
    }
    return new Svc(PortSet.of(tcp), PortSet.of(udp), PortSet.of(literalTcp), PortSet.of(literalUdp), ok);
  }

  private Svc serviceRef(ServiceRef ref) {
    String name = ref.name().name();
    switch (name) {
      case "endpoint-mapper":
        return builtin(PortSet.of(PolicyChecks.ENDPOINT_MAPPER_PORT));
      case "rpc-dynamic":
        if (dynamicPorts.isEmpty()) {
          unconfigured(ref, "'rpc-dynamic' needs a dynamic port range");
          return Svc.EMPTY_ERROR;
        }
        return builtin(dynamicPorts.get());
      case "wmi":
        // windows-semantics.md 6.3 rule 3: WMI clients start at the endpoint mapper (TCP 135),
        // then reach WMI on its fixed port or, when WMI shares svchost, on a dynamic RPC port.
        if (wmiPort.isPresent()) {
          return builtin(PortSet.of(PolicyChecks.ENDPOINT_MAPPER_PORT).union(PortSet.of(wmiPort.getAsInt())));
        }
        if (dynamicPorts.isEmpty()) {
          unconfigured(ref, "'wmi' needs a WMI fixed port or a dynamic port range");
          return Svc.EMPTY_ERROR;
        }
        return builtin(PortSet.of(PolicyChecks.ENDPOINT_MAPPER_PORT).union(dynamicPorts.get()));
      default:
        break;
    }
    Svc value = serviceValues.get(name);
    if (value != null) {
      return value;
    }
    List<String> candidates = new ArrayList<>(services.keySet());
    candidates.addAll(BUILTIN_SERVICES);
    String hint =
        networks.containsKey(name) || BUILTIN_NETWORKS.contains(name)
            ? "'" + name + "' is a network, not a service"
            : Suggestions.didYouMean(name, candidates).orElse(null);
    diagnostics.error(Codes.UNKNOWN_SERVICE, ref.span(), "unknown service '" + name + "'", hint);
    return Svc.EMPTY_ERROR;
  }

  private void unconfigured(ServiceRef ref, String message) {
    diagnostics.error(
        Codes.RPC_DYNAMIC_UNCONFIGURED,
        ref.span(),
        message,
        "add: rpc { dynamic ports 5001-5100 }");
  }

  private static Svc builtin(PortSet tcp) {
    return new Svc(tcp, PortSet.empty(), PortSet.empty(), PortSet.empty(), true);
  }

  private Svc portLit(PortLit lit, boolean report) {
    List<PortRange> ranges = new ArrayList<>();
    boolean ok = true;
    for (PortRangeLit r : lit.ranges()) {
      Optional<PortRange> range = report ? portRange(r) : quietPortRange(r);
      range.ifPresent(ranges::add);
      ok &= range.isPresent();
    }
    PortSet set = PortSet.of(ranges);
    return lit.protocol() == Protocol.TCP
        ? new Svc(set, PortSet.empty(), set, PortSet.empty(), ok)
        : new Svc(PortSet.empty(), set, PortSet.empty(), set, ok);
  }

  private static Optional<PortRange> quietPortRange(PortRangeLit r) {
    if (r.first() < 0 || r.last() > PortRange.MAX_PORT || r.first() > r.last()) {
      return Optional.empty();
    }
    return Optional.of(PortRange.of((int) r.first(), (int) r.last()));
  }

  private Optional<PortRange> portRange(PortRangeLit r) {
    boolean ok = true;
    if (r.first() > PortRange.MAX_PORT || r.last() > PortRange.MAX_PORT) {
      long bad = r.first() > PortRange.MAX_PORT ? r.first() : r.last();
      diagnostics.error(
          Codes.PORT_OUT_OF_RANGE,
          r.span(),
          "port " + (bad == Long.MAX_VALUE ? "number too large" : bad) + " is outside 0-65535");
      ok = false;
    }
    if (ok && r.first() > r.last()) {
      diagnostics.error(
          Codes.PORT_RANGE_REVERSED,
          r.span(),
          "port range " + r.first() + "-" + r.last() + " is reversed",
          "write " + r.last() + "-" + r.first());
      ok = false;
    }
    return ok ? Optional.of(PortRange.of((int) r.first(), (int) r.last())) : Optional.empty();
  }

  /** Whether {@link #ruleText} would not change {@code raw}: single spaces inside, no comment. */
  private static boolean isCollapsed(String raw) {
    boolean space = true; // no leading whitespace
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '#') {
        return false;
      }
      if (Character.isWhitespace(c)) {
        if (space || c != ' ') {
          return false;
        }
        space = true;
      } else {
        space = false;
      }
    }
    return !space || raw.isEmpty();
  }

  /** The rule as written, on one line: comments dropped, whitespace runs collapsed. */
  private static String ruleText(Def<RuleDecl> def) {
    if (def.file().isYaml()) {
      return AstPrinter.print(def.decl());
    }
    String raw = def.file().source().text(def.decl().span());
    if (isCollapsed(raw)) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length());
    boolean space = false;
    boolean comment = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (comment) {
        comment = c != '\n' && c != '\r';
        if (comment) {
          continue;
        }
      }
      if (c == '#') {
        comment = true;
        continue;
      }
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(c);
    }
    return b.toString();
  }
}
