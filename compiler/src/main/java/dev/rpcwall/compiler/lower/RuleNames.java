package dev.rpcwall.compiler.lower;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of lowered rules: {@code rpcwall/<slug>/<action>-<protocol>-<ports>[/<profiles>][/part-N]}.
 * Every part comes from the rule's content, so names are stable across runs and a change to one
 * part of a policy does not rename rules elsewhere. Names use ASCII letters, digits and {@code / -
 * , } only: never {@code |} (MS-FASP 2.2.37, windows-semantics.md 1.2 rule 5), never a character
 * cmd.exe or PowerShell treats specially.
 */
public final class RuleNames {
  /** Shared by every rule any policy compiles to, so that they are easy to find on a host. */
  public static final String PREFIX = "rpcwall/";

  private static final int MAX_SLUG = 40;
  private static final int MAX_PORT_LABEL = 48;

  private RuleNames() {}

  /**
   * The policy part of rule names: lower-case ASCII letters and digits, other runs replaced by
   * {@code -}, accents dropped, at most 40 characters; {@code policy} when nothing is left.
   */
  public static String slug(String policyName) {
    String plain =
        Normalizer.normalize(policyName, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-");
    plain = trimDashes(plain);
    if (plain.length() > MAX_SLUG) {
      plain = trimDashes(plain.substring(0, MAX_SLUG));
    }
    return plain.isEmpty() ? "policy" : plain;
  }

  /** The prefix every rule of this policy shares, {@code rpcwall/<slug>/}. */
  public static String policyPrefix(String policyName) {
    return PREFIX + slug(policyName) + "/";
  }

  /** The group of every rule of this policy (PowerShell {@code -Group}). */
  public static String group(String policyName) {
    return "rpcwall: " + policyName;
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

  private static String trimDashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '-') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '-') {
      to--;
    }
    return s.substring(from, to);
  }
}
