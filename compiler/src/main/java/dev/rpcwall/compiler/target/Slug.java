package dev.rpcwall.compiler.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * The identity of a policy on a host: its rule-name prefix, group, state folder and file names all
 * come from this one string, {@code <readable>-<hash>}. The readable part reduces the name to
 * {@code [a-z0-9-]} (at most {@value #MAX_READABLE} characters, {@code policy} when nothing is
 * left); the hash is the first {@value #HASH_HEX} hex digits of SHA-256 over the exact name in
 * UTF-8. Two names that differ in any character (case, punctuation, non-Latin letters) therefore
 * get different slugs, so two policies on one host never share rules or state, and no slug is a
 * Windows reserved device name ({@code CON}, {@code NUL}, {@code COM1}...), since every slug ends
 * with {@code -} and hex digits.
 */
public final class Slug {
  static final int MAX_READABLE = 40;
  static final int HASH_HEX = 8;
  private static final String EMPTY = "policy";

  /**
   * Device names Windows reserves in every folder, with or without an extension (Win32 file
   * naming conventions, "Naming Files, Paths, and Namespaces").
   */
  private static final java.util.Set<String> RESERVED = reserved();

  private static java.util.Set<String> reserved() {
    java.util.Set<String> names = new java.util.HashSet<>(java.util.List.of("con", "prn", "aux", "nul"));
    for (int i = 0; i <= 9; i++) {
      names.add("com" + i);
      names.add("lpt" + i);
    }
    return java.util.Set.copyOf(names);
  }

  private Slug() {}

  /** {@code "Block RPC Ports"} becomes {@code block-rpc-ports-} and eight hex digits. */
  public static String of(String name) {
    return readable(name) + "-" + hash(name);
  }

  /**
   * The base of the names of the files a compile writes ({@code <base>.cmd}, {@code
   * <base>-rollback.ps1}): the readable part, which keeps file names as users know them, unless
   * that part says nothing about the name (a name of only non-Latin letters or punctuation becomes
   * {@code policy}) or is a Windows reserved device name ({@code con.cmd} opens the console, not a
   * file); then the whole slug, so such names still give distinct, valid file names. Two names
   * with the same readable part share file names (compile them to different folders); their rules
   * and state never collide, as those use {@link #of}.
   */
  public static String fileBase(String name) {
    String readable = readable(name);
    return readable.equals(EMPTY) || !hasLetterOrDigit(name) || RESERVED.contains(readable)
        ? of(name)
        : readable;
  }

  private static boolean hasLetterOrDigit(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD);
    for (int i = 0; i < ascii.length(); i++) {
      char c = Character.toLowerCase(ascii.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return true;
      }
    }
    return false;
  }

  /** The readable part alone: {@code "Block RPC Ports"} becomes {@code block-rpc-ports}. */
  public static String readable(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder();
    boolean dash = false;
    for (int i = 0; i < ascii.length() && b.length() < MAX_READABLE; i++) {
      char c = Character.toLowerCase(ascii.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (dash && b.length() > 0 && b.length() < MAX_READABLE - 1) {
          b.append('-');
        }
        b.append(c);
        dash = false;
      } else {
        dash = true;
      }
    }
    return b.length() == 0 ? EMPTY : b.toString();
  }

  private static String hash(String name) {
    try {
      // UTF-8 of the name; a lone surrogate (which no encoder keeps) is hashed as its code unit,
      // so that no two distinct Java strings share the input to the digest.
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < name.length(); ) {
        int cp = name.codePointAt(i);
        int n = Character.charCount(cp);
        if (Character.isSurrogate(name.charAt(i)) && n == 1) {
          sha.update(new byte[] {(byte) 0xff, (byte) (cp >> 8), (byte) cp});
        } else {
          sha.update(name.substring(i, i + n).getBytes(StandardCharsets.UTF_8));
        }
        i += n;
      }
      byte[] digest = sha.digest();
      return HexFormat.of().formatHex(digest, 0, HASH_HEX / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
