package dev.rpcwall.compiler.host;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Locale;

/**
 * What a registry write does to a host, whatever wrote it ({@code .reg} file, {@code reg add},
 * PowerShell {@code Set-ItemProperty}): one place that knows which keys matter. Key paths are
 * given as written ({@code HKLM\...}, {@code HKEY_LOCAL_MACHINE\...}, {@code HKLM:\...}) and
 * compared without case. The keys read:
 *
 * <ul>
 *   <li>{@code SOFTWARE\Microsoft\Rpc\Internet}: the RPC values as written (windows-semantics.md
 *       6.1);
 *   <li>the two {@code FirewallRules} keys (3.1): the local store's under {@code
 *       SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy} and the Group
 *       Policy store's under {@code SOFTWARE\Policies\Microsoft\WindowsFirewall}: each value is one
 *       rule, named by its rule ID, read by {@link FirewallRuleStrings}; a later write of the same ID
 *       in the same store replaces the rule, a delete removes it;
 *   <li>the profile keys beside them ({@code DomainProfile}, {@code StandardProfile}, {@code
 *       PrivateProfile}, {@code PublicProfile}): {@code EnableFirewall}, {@code
 *       DefaultInboundAction} (0 allow, 1 block), {@code DoNotAllowExceptions} and {@code
 *       AllowLocalPolicyMerge} (3.1, MS-GPFAS 2.2.3 and 2.2.3.13), merged across the two stores
 *       as MS-FASP 2.2.38 says (2.3 rule 4): Group Policy wins where it sets a value, shielded is on
 *       when either store turns it on, local merge is a Group Policy value only.
 * </ul>
 *
 * {@code ControlSet001}.. stand for {@code CurrentControlSet} (an export of an offline hive names
 * them; which one is current is in the hive's {@code Select} key, so every one is read as current).
 */
public final class RegistryWrites {
  /** windows-semantics.md 6.1. */
  static final String RPC_INTERNET = "SOFTWARE\\MICROSOFT\\RPC\\INTERNET";
  /** The local store's policy (3.1: the local FirewallRules key lives below it). */
  static final String LOCAL_POLICY =
      "SYSTEM\\CURRENTCONTROLSET\\SERVICES\\SHAREDACCESS\\PARAMETERS\\FIREWALLPOLICY";
  /** The Group Policy store (3.1). */
  static final String GPO_POLICY = "SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWSFIREWALL";

  static final String RULES = "\\FIREWALLRULES";

  /** The profile values read (3.1 GPO per-profile settings; the local store uses the same names). */
  static final List<String> PROFILE_VALUES =
      List.of("EnableFirewall", "DefaultInboundAction", "DoNotAllowExceptions",
          "AllowLocalPolicyMerge");

  private RegistryWrites() {}

  /**
   * Registry writes of one reader in a row, with no other reader changing the host in between
   * (one input file): it knows which rule IDs each store holds, so that a write of a rule ID not
   * yet there does not look through every rule (an export of 10,000 rules would take 10,000 such
   * looks). {@link #set} and {@link #delete} of the class do the same, one write at a time.
   */
  public static final class Session {
    private final HostState host;
    private final java.util.Set<String> ids = new java.util.HashSet<>();
    private String lastKey;
    private String lastNormal;

    private Session(HostState host) {
      this.host = host;
      for (HostRule r : host.rules()) {
        ids.add(idKey(r.store(), r.rule().id()));
      }
    }

    public HostState host() {
      return host;
    }

    /** As {@link RegistryWrites#set(String, RegistryValue, FirewallRuleStrings.Locator, HostState, List)}. */
    public void set(String key, RegistryValue value, FirewallRuleStrings.Locator at,
        List<HostNote> notes) {
      RegistryWrites.set(key, value, at, host, notes, this);
    }

    /** As {@link RegistryWrites#delete(String, String, SourceSpan, HostState, List)}. */
    public void delete(String key, String name, SourceSpan at, List<HostNote> notes) {
      RegistryWrites.delete(key, name, at, host, notes, this);
    }

    /** Removes the rules of {@code store} with rule ID {@code id}, when there are any. */
    void remove(HostStore store, String id) {
      if (ids.remove(idKey(store, id))) {
        host.removeRules(r -> r.store() == store && r.rule().id().equalsIgnoreCase(id));
      }
    }

    void added(HostStore store, String id) {
      ids.add(idKey(store, id));
    }

    void cleared(HostStore store) {
      ids.removeIf(k -> k.startsWith(store.name() + "|"));
    }

    /** The key below HKLM, remembered for the run of values under one key. */
    String normal(String key) {
      if (!key.equals(lastKey)) {
        lastKey = key;
        lastNormal = normalise(key);
      }
      return lastNormal;
    }

    private static String idKey(HostStore store, String id) {
      return store.name() + "|" + id.toLowerCase(Locale.ROOT);
    }
  }

  /** A session of writes to {@code host} (see {@link Session}). */
  public static Session session(HostState host) {
    return new Session(host);
  }

  /** Sets {@code value} under {@code key}. */
  public static void set(String key, RegistryValue value, HostState host, List<HostNote> notes) {
    set(key, value, FirewallRuleStrings.sameLine(value.origin()), host, notes);
  }

  /**
   * Sets {@code value} under {@code key}; {@code at} places problems inside a rule string's data
   * (its first entry) in the input, for writers whose data is not written as is on one line
   * ({@code .reg} escapes, continuation lines).
   */
  public static void set(
      String key,
      RegistryValue value,
      FirewallRuleStrings.Locator at,
      HostState host,
      List<HostNote> notes) {
    set(key, value, at, host, notes, null);
  }

  private static void set(
      String key,
      RegistryValue value,
      FirewallRuleStrings.Locator at,
      HostState host,
      List<HostNote> notes,
      Session session) {
    String k = session != null ? session.normal(key) : normalise(key);
    if (k.equals(RPC_INTERNET)) {
      host.setRpcValue(value);
      return;
    }
    HostStore rules = rulesStore(k);
    if (rules != null) {
      setRule(rules, value, at, host, notes, session);
      return;
    }
    ProfileKey pk = profileKey(k);
    if (pk != null) {
      for (String name : PROFILE_VALUES) {
        if (name.equalsIgnoreCase(value.name())) {
          check(name, value, notes);
          host.firewallProfileValues().put(pk.store + "\\" + pk.key + "\\" + name, value);
          derive(host, false);
          return;
        }
      }
    }
  }

  /** Deletes value {@code name} under {@code key}, or the whole key when {@code name} is null. */
  public static void delete(
      String key, String name, SourceSpan at, HostState host, List<HostNote> notes) {
    delete(key, name, at, host, notes, null);
  }

  private static void delete(String key, String name, SourceSpan at, HostState host,
      List<HostNote> notes, Session session) {
    String k = normalise(key);
    if (name == null) {
      // Deleting a key deletes every key below it ([-HKLM\...\FirewallPolicy] removes the rules).
      if (covers(k, RPC_INTERNET)) {
        host.rpcInternet().clear();
      }
      for (HostStore store : HostStore.values()) {
        String base = base(store);
        if (covers(k, base + RULES)) {
          host.removeRules(r -> r.store() == store);
          if (session != null) {
            session.cleared(store);
          }
        }
        boolean changed = host.firewallProfileValues().keySet().removeIf(
            v -> v.startsWith(store.name() + "\\")
                && covers(k, base + "\\" + v.substring(store.name().length() + 1,
                    v.lastIndexOf('\\')).toUpperCase(Locale.ROOT)));
        if (changed) {
          derive(host, true);
        }
      }
      return;
    }
    if (k.equals(RPC_INTERNET)) {
      host.deleteRpcValue(name);
      return;
    }
    HostStore rules = rulesStore(k);
    if (rules != null) {
      if (session != null) {
        session.remove(rules, name);
      } else {
        host.removeRules(r -> r.store() == rules && r.rule().id().equalsIgnoreCase(name));
      }
      return;
    }
    ProfileKey pk = profileKey(k);
    if (pk != null
        && host.firewallProfileValues().remove(pk.store + "\\" + pk.key + "\\" + name) != null) {
      derive(host, true);
    }
  }

  private static boolean covers(String deleted, String key) {
    return key.equals(deleted) || key.startsWith(deleted + "\\");
  }

  private static String base(HostStore store) {
    return store == HostStore.GPO ? GPO_POLICY : LOCAL_POLICY;
  }

  private static HostStore rulesStore(String k) {
    if (k.equals(GPO_POLICY + RULES)) {
      return HostStore.GPO;
    }
    if (k.equals(LOCAL_POLICY + RULES)) {
      return HostStore.LOCAL;
    }
    return null;
  }

  private record ProfileKey(HostStore store, String key) {}

  private static final List<String> PROFILE_KEYS =
      List.of("DomainProfile", "StandardProfile", "PrivateProfile", "PublicProfile");

  private static ProfileKey profileKey(String k) {
    for (HostStore store : HostStore.values()) {
      String base = base(store) + "\\";
      if (k.startsWith(base)) {
        String rest = k.substring(base.length());
        for (String p : PROFILE_KEYS) {
          if (p.equalsIgnoreCase(rest)) {
            return new ProfileKey(store, p);
          }
        }
      }
    }
    return null;
  }

  private static void setRule(
      HostStore store,
      RegistryValue value,
      FirewallRuleStrings.Locator at,
      HostState host,
      List<HostNote> notes,
      Session session) {
    String id = value.name();
    // A later write of the same rule ID replaces the rule (the registry holds one value per name).
    if (session != null) {
      session.remove(store, id);
    } else {
      host.removeRules(r -> r.store() == store && r.rule().id().equalsIgnoreCase(id));
    }
    boolean string = value.type().equalsIgnoreCase(RegistryValue.REG_SZ)
        || value.type().equalsIgnoreCase("REG_EXPAND_SZ");
    if (!string || value.data().size() != 1) {
      notes.add(HostNote.invalidRule(value.origin(),
          "firewall rule '" + FirewallRuleStrings.clip(id) + "' is written as " + value.type()
              + ", not as a string",
          "a FirewallRules value is REG_SZ (windows-semantics.md 3.1); the firewall does not read it"));
      return;
    }
    FirewallRuleStrings.Parsed parsed =
        FirewallRuleStrings.parse(id, value.data().get(0), value.origin(), at);
    for (FirewallRuleStrings.Problem p : parsed.problems()) {
      notes.add(new HostNote(at.at(p.offset(), p.length()), p.category(),
          "rule '" + FirewallRuleStrings.clip(id) + "': " + p.message(), p.hint()));
    }
    if (parsed.rule().isPresent()) {
      host.addRule(new HostRule(parsed.rule().get(), store));
      if (session != null) {
        session.added(store, id);
      }
    }
  }

  /**
   * Derives each profile's default inbound action and state from the profile values written so
   * far (2.3 rule 4 merge laws, MS-FASP 2.2.38); a profile no value speaks of is left as other
   * inputs set it, unless {@code deleting} removed what decided it (Windows' default is back).
   */
  private static void derive(HostState host, boolean deleting) {
    for (Profile p : Profile.values()) {
      RegistryValue enable = merged(host, p, "EnableFirewall");
      RegistryValue inbound = merged(host, p, "DefaultInboundAction");
      RegistryValue shieldedGpo = value(host, HostStore.GPO, p, "DoNotAllowExceptions");
      RegistryValue shieldedLocal = value(host, HostStore.LOCAL, p, "DoNotAllowExceptions");
      // 2.3 rule 3: the local-merge option always takes the Group Policy value.
      RegistryValue merge = value(host, HostStore.GPO, p, "AllowLocalPolicyMerge");
      Long in = inbound == null ? null : dword(inbound);
      if (in != null && (in == 0 || in == 1)) {
        host.setDefaultInbound(p, new ProfileSetting<>(in == 1 ? Action.BLOCK : Action.ALLOW,
            inbound.origin()));
      } else if (inbound == null && host.defaultInbound().containsKey(p)
          && (deleting || fromRegistry(host, host.defaultInbound().get(p).origin()))) {
        host.defaultInbound().remove(p);
      }
      RegistryValue shielded = on(shieldedGpo) ? shieldedGpo
          : on(shieldedLocal) ? shieldedLocal : null;
      ProfileSetting<ProfileState> state = null;
      if (enable != null && off(enable)) {
        state = new ProfileSetting<>(ProfileState.FIREWALL_OFF, enable.origin());
      } else if (shielded != null) {
        state = new ProfileSetting<>(ProfileState.SHIELDED, shielded.origin());
      } else if (merge != null && off(merge)) {
        state = new ProfileSetting<>(ProfileState.LOCAL_RULES_IGNORED, merge.origin());
      } else {
        RegistryValue any = null;
        for (RegistryValue v : new RegistryValue[] {enable, merge, shieldedGpo, shieldedLocal}) {
          if (any == null && v != null && dword(v) != null) {
            any = v;
          }
        }
        if (any != null) {
          state = new ProfileSetting<>(ProfileState.ENFORCING, any.origin());
        }
      }
      if (state != null) {
        host.setProfileState(p, state);
      } else if (host.profileStates().containsKey(p)
          && (deleting || fromRegistry(host, host.profileStates().get(p).origin()))) {
        host.profileStates().remove(p);
      }
    }
  }

  /**
   * Whether a profile setting came from a profile value still written (and so no longer applies
   * when no value decides it now, e.g. a Group Policy StandardProfile value once a PublicProfile
   * key is written), rather than from another input ({@code netsh advfirewall set}).
   */
  private static boolean fromRegistry(HostState host, SourceSpan origin) {
    for (RegistryValue v : host.firewallProfileValues().values()) {
      if (v.origin().equals(origin)) {
        return true;
      }
    }
    return false;
  }

  /** GPO's value where it sets one, else the local store's (MS-FASP 2.2.38 merge law). */
  private static RegistryValue merged(HostState host, Profile p, String name) {
    RegistryValue gpo = value(host, HostStore.GPO, p, name);
    return gpo != null ? gpo : value(host, HostStore.LOCAL, p, name);
  }

  /**
   * The value {@code name} that applies to profile {@code p} in {@code store}. Group Policy:
   * {@code StandardProfile} applies to Private and Public only when neither a {@code
   * PrivateProfile} nor a {@code PublicProfile} key is written (3.1, MS-GPFAS 2.2.3). Local store:
   * the private profile's key is {@code StandardProfile} (the name the local FirewallPolicy key
   * carries; not in windows-semantics.md, so {@code PrivateProfile} is read too). Whether a
   * profile key "exists" is known from the values read here only: a key that an input creates
   * with none of {@link #PROFILE_VALUES} in it is not seen (the safe side: StandardProfile keeps
   * applying, as the inputs show nothing else).
   */
  private static RegistryValue value(HostState host, HostStore store, Profile p, String name) {
    var values = host.firewallProfileValues();
    String s = store.name() + "\\";
    switch (p) {
      case DOMAIN -> {
        return values.get(s + "DomainProfile\\" + name);
      }
      default -> {
        String own = p == Profile.PRIVATE ? "PrivateProfile\\" : "PublicProfile\\";
        if (store == HostStore.LOCAL) {
          RegistryValue v = values.get(s + own + name);
          return v != null || p == Profile.PUBLIC ? v : values.get(s + "StandardProfile\\" + name);
        }
        if (hasKey(host, s + "PrivateProfile\\") || hasKey(host, s + "PublicProfile\\")) {
          return values.get(s + own + name);
        }
        return values.get(s + "StandardProfile\\" + name);
      }
    }
  }

  private static boolean hasKey(HostState host, String prefix) {
    for (String k : host.firewallProfileValues().keySet()) {
      if (k.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean on(RegistryValue v) {
    Long d = v == null ? null : dword(v);
    return d != null && d != 0;
  }

  private static boolean off(RegistryValue v) {
    Long d = dword(v);
    return d != null && d == 0;
  }

  /** Notes a profile value the firewall does not read: not a DWORD, or an action not 0 or 1. */
  private static void check(String name, RegistryValue v, List<HostNote> notes) {
    Long d = dword(v);
    if (d == null) {
      notes.add(HostNote.invalidRule(v.origin(),
          name + " is written as " + v.type() + " '" + FirewallRuleStrings.clip(
              String.join(",", v.data())) + "', not as a REG_DWORD number",
          "the firewall reads profile settings as REG_DWORD (windows-semantics.md 3.1); this one"
              + " is not read"));
    } else if (name.equals("DefaultInboundAction") && d != 0 && d != 1) {
      notes.add(HostNote.invalidRule(v.origin(),
          "DefaultInboundAction " + d + " is neither 0 (allow) nor 1 (block)",
          "write 1 to block unsolicited inbound traffic (windows-semantics.md 3.1)"));
    }
  }

  /** The DWORD a value holds, or null when it is no DWORD (Windows does not read it then). */
  private static Long dword(RegistryValue v) {
    if (!v.type().equalsIgnoreCase(RegistryValue.REG_DWORD) || v.data().size() != 1) {
      return null;
    }
    try {
      return Long.parseLong(v.data().get(0).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The path below HKLM, upper case, single backslashes, no trailing backslash. */
  static String normalise(String key) {
    String k = key.trim().replace('/', '\\');
    k = k.replaceAll("\\\\+", "\\\\").toUpperCase(Locale.ROOT);
    for (String root : new String[] {"HKEY_LOCAL_MACHINE\\", "HKLM:\\", "HKLM\\", "HKLM:"}) {
      if (k.startsWith(root)) {
        k = k.substring(root.length());
        break;
      }
    }
    if (k.startsWith("\\")) {
      k = k.substring(1);
    }
    if (k.endsWith("\\")) {
      k = k.substring(0, k.length() - 1);
    }
    if (k.startsWith("SYSTEM\\CONTROLSET") && k.length() >= 20
        && k.substring(17, 20).chars().allMatch(Character::isDigit)) {
      k = "SYSTEM\\CURRENTCONTROLSET" + k.substring(20);
    }
    return k;
  }
}
