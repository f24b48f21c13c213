package dev.rpcwall.compiler.lower;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.function.ToIntFunction;

/**
 * Size limits for lowered rules. A rule whose remote address list has more than {@code
 * maxAddressEntries} entries or more than {@code maxAddressChars} characters as written ({@code
 * addressLength} measures one entry, without the separator), or whose local port list exceeds
 * {@code maxPortEntries} / {@code maxPortChars}, is split into parts.
 *
 * <p>Target-neutral: the defaults are Windows' own list limits and no character limit. A target
 * whose scripts limit the length of a line (netsh under cmd.exe) passes its own limits and its own
 * measure; those live with the target (emitters' {@code NetshLimits}).
 */
public record LoweringOptions(
    int maxAddressEntries,
    int maxAddressChars,
    int maxPortEntries,
    int maxPortChars,
    ToIntFunction<IpRange> addressLength) {
  /**
   * Entries per port list: the list size MS-FASP 2.2.37 allows for address lists ({@link
   * AddressLimits#MAX_ENTRIES}, windows-semantics.md 1.1 limits), taken for port lists too, as
   * the lowering always has; that Windows limits port lists the same way is UNCONFIRMED.
   */
  public static final int MAX_PORT_ENTRIES = 1000;

  /** The longest entry: a full IPv6 range, two 39-character addresses and a dash. */
  public static final int LONGEST_ADDRESS_ENTRY = 79;

  /** The longest port entry, {@code 65534-65535}. */
  public static final int LONGEST_PORT_ENTRY = 11;

  /** An entry's length in the model's form ({@link AddressLimits.Entry#of}), with no separator. */
  public static final ToIntFunction<IpRange> MODEL_FORM_LENGTH =
      r -> AddressLimits.Entry.of(r).toString().length();

  /** No limit on the characters of a list. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  public LoweringOptions {
    requireNonNull(addressLength, "addressLength");
    if (maxAddressEntries < 1 || maxPortEntries < 1) {
      throw new IllegalArgumentException("entry limits must be at least 1");
    }
    if (maxAddressChars < LONGEST_ADDRESS_ENTRY || maxPortChars < LONGEST_PORT_ENTRY) {
      throw new IllegalArgumentException("character limits must fit the longest entry");
    }
  }

  /**
   * Windows' limits only: {@link AddressLimits#MAX_ENTRIES} addresses and {@link
   * #MAX_PORT_ENTRIES} ports per list, any length; entries measured in the model's form ({@link
   * AddressLimits.Entry#of}).
   */
  public static LoweringOptions defaults() {
    return new LoweringOptions(
        AddressLimits.MAX_ENTRIES,
        UNLIMITED,
        MAX_PORT_ENTRIES,
        UNLIMITED,
        MODEL_FORM_LENGTH);
  }

  public LoweringOptions withMaxAddressEntries(int n) {
    return new LoweringOptions(n, maxAddressChars, maxPortEntries, maxPortChars, addressLength);
  }

  public LoweringOptions withMaxAddressChars(int n) {
    return new LoweringOptions(maxAddressEntries, n, maxPortEntries, maxPortChars, addressLength);
  }

  public LoweringOptions withMaxPortEntries(int n) {
    return new LoweringOptions(maxAddressEntries, maxAddressChars, n, maxPortChars, addressLength);
  }

  public LoweringOptions withMaxPortChars(int n) {
    return new LoweringOptions(maxAddressEntries, maxAddressChars, maxPortEntries, n, addressLength);
  }

  public LoweringOptions withAddressLength(ToIntFunction<IpRange> measure) {
    return new LoweringOptions(maxAddressEntries, maxAddressChars, maxPortEntries, maxPortChars, measure);
  }
}
