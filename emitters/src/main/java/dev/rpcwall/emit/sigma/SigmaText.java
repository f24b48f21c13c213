package dev.rpcwall.emit.sigma;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** YAML scalars and name-based ids for the Sigma files: pure functions, same input same text. */
final class SigmaText {
  private SigmaText() {}

  /**
   * The namespace of every rule id: the RFC 4122 name-based (SHA-1, version 5) UUID of {@code
   * rpcwall:sigma} in the RFC 4122 URL namespace. Fixed: changing it changes every id.
   */
  static final UUID NAMESPACE =
      uuid5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "rpcwall:sigma");

  /**
   * A stable rule id: the version 5 UUID of the policy name and the rule's purpose (RFC 4122
   * section 4.3), so a recompile keeps every id and two purposes or policies never share one.
   */
  static UUID ruleId(String policyName, String purpose) {
    return uuid5(NAMESPACE, policyName + "\u0000" + purpose);
  }

  static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(bytes(namespace));
      sha1.update(name.getBytes(StandardCharsets.UTF_8));
      byte[] h = sha1.digest();
      h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
      h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 8; i++) {
        msb = (msb << 8) | (h[i] & 0xff);
        lsb = (lsb << 8) | (h[i + 8] & 0xff);
      }
      return new UUID(msb, lsb);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  private static byte[] bytes(UUID u) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
      b[i + 8] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
    }
    return b;
  }

  /**
   * {@code text} on one line: every control character, line or paragraph separator (YAML 1.1
   * reads NEL, LS and PS as line breaks) and byte order mark becomes a space.
   */
  static String oneLine(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      boolean breaks = Character.isISOControl(cp) || cp == 0xFEFF
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE;
      b.appendCodePoint(breaks ? ' ' : cp);
    });
    return b.toString();
  }

  /** Longest policy name a title carries (the Sigma schemas cap {@code title} at 256 characters). */
  static final int TITLE_NAME_MAX = 100;

  /** The policy name for a title: on one line, cut to {@value #TITLE_NAME_MAX} code points. */
  static String titleName(String policyName) {
    String one = oneLine(policyName);
    if (one.codePointCount(0, one.length()) <= TITLE_NAME_MAX) {
      return one;
    }
    return one.substring(0, one.offsetByCodePoints(0, TITLE_NAME_MAX - 3)) + "...";
  }

  /** A single-quoted YAML scalar: the only escape is {@code ''} for a quote. */
  static String quoted(String text) {
    return "'" + oneLine(text).replace("'", "''") + "'";
  }
}
