package dev.rpcwall.compiler.lower;

/**
 * Size limits for lowered rules. A rule whose remote address list has more than {@code
 * maxAddressEntries} entries or more than {@code maxAddressChars} characters as written, or whose
 * local port list exceeds {@code maxPortEntries} / {@code maxPortChars}, is split into parts.
 *
 * <p>Defaults: 1000 entries, the list size MS-FASP 2.2.37 allows (windows-semantics.md 1.1,
 * limits) and what users report as Windows' practical limit; 6000 address characters and 1000 port
 * characters, so that one {@code netsh advfirewall firewall add rule} line with its name, group and
 * description stays under cmd.exe's 8191-character command line limit.
 */
public record LoweringOptions(
    int maxAddressEntries, int maxAddressChars, int maxPortEntries, int maxPortChars) {
  public static final int DEFAULT_MAX_ENTRIES = 1000;
  public static final int DEFAULT_MAX_ADDRESS_CHARS = 6000;
  public static final int DEFAULT_MAX_PORT_CHARS = 1000;

  /** The longest entry: a full IPv6 range, two 39-character addresses and a dash. */
  static final int LONGEST_ADDRESS_ENTRY = 79;

  /** The longest port entry, {@code 65534-65535}. */
  static final int LONGEST_PORT_ENTRY = 11;

  public LoweringOptions {
    if (maxAddressEntries < 1 || maxPortEntries < 1) {
      throw new IllegalArgumentException("entry limits must be at least 1");
    }
    if (maxAddressChars < LONGEST_ADDRESS_ENTRY || maxPortChars < LONGEST_PORT_ENTRY) {
      throw new IllegalArgumentException("character limits must fit the longest entry");
    }
  }

  public static LoweringOptions defaults() {
    return new LoweringOptions(
        DEFAULT_MAX_ENTRIES, DEFAULT_MAX_ADDRESS_CHARS, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_PORT_CHARS);
  }

  public LoweringOptions withMaxAddressEntries(int n) {
    return new LoweringOptions(n, maxAddressChars, maxPortEntries, maxPortChars);
  }

  public LoweringOptions withMaxAddressChars(int n) {
    return new LoweringOptions(maxAddressEntries, n, maxPortEntries, maxPortChars);
  }

  public LoweringOptions withMaxPortEntries(int n) {
    return new LoweringOptions(maxAddressEntries, maxAddressChars, n, maxPortChars);
  }

  public LoweringOptions withMaxPortChars(int n) {
    return new LoweringOptions(maxAddressEntries, maxAddressChars, maxPortEntries, n);
  }
}
