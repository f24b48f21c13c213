package dev.rpcwall.compiler.lower;

import dev.rpcwall.compiler.target.Slug;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of lowered rules: {@code rpcwall/<slug>/<action>-<protocol>-<ports>[/<profiles>][/part-N]}.
 * Every part comes from the rule's content, so names are stable across runs and a change to one
 * part of a policy does not rename rules elsewhere. Names use ASCII letters, digits and {@code / -
 * ,} only: never {@code |} (MS-FASP 2.2.37, windows-semantics.md 1.2 rule 5), and nothing that
 * needs escaping inside the double or single quotes the emitters put around them.
 */
public final class RuleNames {
  /** Shared by every rule any policy compiles to, so that they are easy to find on a host. */
  public static final String PREFIX = "rpcwall/";

  private static final int MAX_PORT_LABEL = 48;

  private RuleNames() {}

  /** The policy part of rule names: the shared {@link Slug} of the policy name. */
  public static String slug(String policyName) {
    return Slug.of(policyName);
  }

  /** The prefix every rule of this policy shares, {@code rpcwall/<slug>/}. */
  public static String policyPrefix(String policyName) {
    return PREFIX + slug(policyName) + "/";
  }

  /**
   * The group of every rule of this policy (PowerShell {@code -Group}): {@code rpcwall/<slug>},
   * the same identity as the rule names and the state folder. Not the policy name itself: group
   * matching may ignore case and read wildcards, and two names that differ only there would share
   * a group (and one policy's re-apply would remove the other's rules).
   */
  public static String group(String policyName) {
    return PREFIX + slug(policyName);
  }

  /**
   * The port part of a name: the port list itself ({@code 135,5001-5021}) when short, else the
   * first port, the last port and a digest of the list, which stays unique and stable.
   */
  static String portLabel(String portList, int firstPort, int lastPort) {
    if (portList.length() <= MAX_PORT_LABEL) {
      return portList;
    }
    return firstPort + "-" + lastPort + "-" + digest(portList);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
