package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.lower.LoweringOptions;

/**
 * The limits netsh scripts add to Windows' own: cmd.exe reads at most {@link NetshSyntax#MAX_LINE}
 * characters of one command line, so the lowering splits lists that would not fit into one {@code
 * netsh advfirewall firewall add rule} line with its name, group and description.
 */
public final class NetshLimits {
  /** Characters of one {@code remoteip=} list as netsh writes it. */
  public static final int MAX_ADDRESS_CHARS = 6000;

  /** Characters of one {@code localport=} list. */
  public static final int MAX_PORT_CHARS = 1000;

  private static final LoweringOptions LOWERING =
      LoweringOptions.defaults()
          .withMaxAddressChars(MAX_ADDRESS_CHARS)
          .withMaxPortChars(MAX_PORT_CHARS)
          .withAddressLength(NetshAddressText::entryLength);

  private NetshLimits() {}

  /**
   * The lowering's options for scripts that netsh runs: Windows' entry limits ({@link
   * LoweringOptions#defaults}), these character limits, entries measured as netsh writes them.
   */
  public static LoweringOptions lowering() {
    return LOWERING;
  }
}
