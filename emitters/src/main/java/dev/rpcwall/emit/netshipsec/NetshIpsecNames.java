package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;

/**
 * The names the netsh ipsec scripts give to what they create on a host, and the registry keys they
 * read and write. Everything is made from the policy's slug ({@code [a-z0-9-]}, a hash of the
 * exact policy name, {@link dev.rpcwall.compiler.target.Slug}), so two rpcwall policies on one
 * host never share a policy, filter list or filter action, and no name needs quoting beyond the
 * surrounding double quotes (windows-semantics.md 1.6).
 *
 * <p>Two name sets per policy: the final one, {@code rpcwall/<slug>}, and the temporary one,
 * {@code rpcwall/<slug>~new}, under which a re-apply builds the new version completely before
 * assigning it (docs/targets/netsh-ipsec.md, "Re-apply"). A slug has no {@code ~}, so no final name
 * of any policy starts with a temporary prefix.
 */
final class NetshIpsecNames {
  /** Where the local static store keeps the assigned policy's path (value {@link #ACTIVE_POLICY}). */
  // UNCONFIRMED (not in windows-semantics.md): the local store's registry layout, as the IPsec
  // Policy Agent of Windows 2000/XP/2003 keeps it (the objects mirror MS-GPIPSEC 2.2.1's
  // ipsecPolicy{GUID} objects). The scripts use it only to tell whether some policy is assigned
  // before they assign theirs (windows-semantics.md 5.1 rule 3); if the layout differs, the check
  // finds nothing and says so in the docs' deploy steps, where the admin checks by hand first.
  static final String LOCAL_STORE = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\IPSec\\Policy\\Local";

  static final String ACTIVE_POLICY = "ActivePolicy";

  /**
   * Present when a domain (Group Policy) IPsec policy applies to the computer; that policy
   * overrides the local one entirely (windows-semantics.md 5.1 rule 4). UNCONFIRMED as above; the
   * safe reading is to stop when the key exists.
   */
  static final String DOMAIN_POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\IPSec\\GPTIPSECPolicy";

  /** The state of every rpcwall policy, as for the netsh advfirewall target (docs/targets/netsh.md). */
  static final String STATE_ROOT = "HKLM\\SOFTWARE\\rpcwall";

  /** A value of the state key: the final-name policy is complete (it may be assigned). */
  static final String COMPLETE = "IpsecComplete";

  /** A value of the state key: the temporary-name policy is complete and was assigned. */
  static final String TEMP_ASSIGNED = "IpsecTempAssigned";

  /** A subkey: a copy of the store's values right after this policy's last assignment. */
  static final String ASSIGNED_COPY = "ipsec-assigned";

  /** A subkey: a copy of the store's values when another policy was assigned (with /force). */
  static final String BEFORE_COPY = "ipsec-before";

  private NetshIpsecNames() {}

  static String stateKey(String slug) {
    return STATE_ROOT + "\\" + slug;
  }

  static String stateKey(String slug, String subkey) {
    return stateKey(slug) + "\\" + subkey;
  }

  /** {@code rpcwall/<slug>}: the policy as it stays on the host. */
  static String finalPolicy(String slug) {
    return RuleNames.PREFIX + slug;
  }

  /** {@code rpcwall/<slug>~new}: the policy while a re-apply builds the next version. */
  static String tempPolicy(String slug) {
    return RuleNames.PREFIX + slug + "~new";
  }

  /** The filter list of one action in the policy named {@code policy}: {@code <policy>/permit-list}. */
  static String filterList(String policy, IpsecAction action) {
    return policy + "/" + word(action) + "-list";
  }

  /** The filter action: {@code <policy>/permit}, {@code <policy>/block}. */
  static String filterAction(String policy, IpsecAction action) {
    return policy + "/" + word(action);
  }

  /** The rule joining that list and action: {@code <policy>/permit-rule}. */
  static String rule(String policy, IpsecAction action) {
    return policy + "/" + word(action) + "-rule";
  }

  /** netsh's spelling of an action (windows-semantics.md 5.4, add filteraction). */
  static String word(IpsecAction action) {
    return switch (action) {
      case PASS -> "permit";
      case BLOCK -> "block";
      case NEGOTIATE -> "negotiate";
    };
  }
}
