package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spellings of netsh advfirewall values, shared by the emitter and the reader so both sides use
 * one table (windows-semantics.md 1.1).
 */
public final class NetshSyntax {
  /**
   * The most characters one line of the scripts may have, its CR LF not counted: "the maximum
   * length of the string that you can use at the command prompt is 8191 characters" (Microsoft
   * support article 830473, "Command prompt (Cmd.exe) command-line string limitation"; cmd.exe
   * keeps a line in a buffer of 8192 characters with its terminating zero). windows-semantics.md
   * 1.6 does not state the limit. The scripts never expand a variable into a value longer than
   * its reference on a line near the limit, so the line as read is the longest form. Lines are
   * refused above this number and every message prints it (issue 12 point 4).
   */
  static final int MAX_LINE = 8191;

  /** Whether cmd.exe reads {@code line} whole (see {@link #MAX_LINE}). */
  static boolean fitsLine(String line) {
    return line.length() <= MAX_LINE;
  }

  static final String RPC_KEY = CmdHostSettings.RPC_KEY;

  /** Where the scripts keep the state of every policy (docs/targets/netsh.md, "State"). */
  static final String STATE_ROOT = CmdHostSettings.STATE_ROOT;

  /**
   * The command a {@code for /f} runs to list the values of a state key: {@code reg query} reads
   * only, {@code findstr} keeps the value lines. {@code ^} escapes {@code >} and {@code |} for
   * the cmd.exe that reads the script, so they act in the command the loop runs (for /?).
   */
  static String stateQuery(String key) {
    return "'reg query \"" + key + "\" 2^>nul ^| findstr /c:\" REG_SZ \"'";
  }

  /** Whether {@code set}, the text between the parentheses of a for /f, is a {@link #stateQuery}. */
  static boolean isStateQuery(String set) {
    String prefix = "'reg query \"" + STATE_ROOT + "\\";
    if (!set.startsWith(prefix)) {
      return false;
    }
    int close = set.indexOf('"', prefix.length());
    if (close < 0) {
      return false;
    }
    String key = set.substring(1 + "reg query \"".length(), close);
    return key.substring(STATE_ROOT.length() + 1).matches("[a-z0-9-]+\\\\[a-z.-]+")
        && set.equals(stateQuery(key));
  }

  /** Remote address keywords netsh documents (windows-semantics.md 1.1, remoteip row). */
  static final Map<AddressKeyword, String> ADDRESS_KEYWORDS = new EnumMap<>(AddressKeyword.class);

  /** Local port keywords netsh documents (windows-semantics.md 1.1, localport row). */
  static final Map<PortKeyword, String> LOCAL_PORT_KEYWORDS = new EnumMap<>(PortKeyword.class);

  /** The keys of {@link #ADDRESS_KEYWORDS} in enum order, as an array to loop over cheaply. */
  private static final AddressKeyword[] KEYWORD_ORDER;

  static {
    ADDRESS_KEYWORDS.put(AddressKeyword.LOCAL_SUBNET, "localsubnet");
    ADDRESS_KEYWORDS.put(AddressKeyword.DNS, "dns");
    ADDRESS_KEYWORDS.put(AddressKeyword.DHCP, "dhcp");
    ADDRESS_KEYWORDS.put(AddressKeyword.WINS, "wins");
    ADDRESS_KEYWORDS.put(AddressKeyword.DEFAULT_GATEWAY, "defaultgateway");
    KEYWORD_ORDER = ADDRESS_KEYWORDS.keySet().toArray(new AddressKeyword[0]);
    LOCAL_PORT_KEYWORDS.put(PortKeyword.RPC, "RPC");
    LOCAL_PORT_KEYWORDS.put(PortKeyword.RPC_EPMAP, "RPC-EPMap");
    LOCAL_PORT_KEYWORDS.put(PortKeyword.IPHTTPS_IN, "IPHTTPS");
    LOCAL_PORT_KEYWORDS.put(PortKeyword.TEREDO, "Teredo");
  }

  private NetshSyntax() {}

  /** {@code protocol=}: the table's name in lower case (1.1), else the number. */
  static String protocol(int protocol) {
    return ProtocolNames.name(protocol)
        .map(n -> n.toLowerCase(Locale.ROOT))
        .orElse(Integer.toString(protocol));
  }

  /** Comma list of ports/ranges, then keywords; the caller has checked the condition is not any. */
  static String ports(PortCondition ports) {
    List<String> parts = new ArrayList<>();
    if (!ports.ports().isEmpty()) {
      parts.add(ports.ports().toString());
    }
    for (PortKeyword k : PortKeyword.values()) {
      if (ports.keywords().contains(k)) {
        parts.add(LOCAL_PORT_KEYWORDS.get(k));
      }
    }
    return String.join(",", parts);
  }

  /**
   * Appends the comma list of a remote or local address condition to {@code out}: entries in
   * {@link NetshAddressText}'s spelling, then keywords; each entry is written straight into {@code
   * out}, for lists of 100,000 networks.
   */
  static StringBuilder appendAddresses(StringBuilder out, AddressCondition addresses) {
    if (addresses.any()) {
      return out.append("any");
    }
    boolean first = true;
    for (IpRange r : addresses.addresses().ranges()) {
      if (!first) {
        out.append(',');
      }
      NetshAddressText.appendEntry(out, r);
      first = false;
    }
    for (AddressKeyword k : AddressKeyword.values()) {
      if (addresses.keywords().contains(k)) {
        if (!first) {
          out.append(',');
        }
        out.append(ADDRESS_KEYWORDS.get(k));
        first = false;
      }
    }
    return out;
  }

  static String profiles(Set<Profile> profiles) {
    if (profiles.isEmpty()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    for (Profile p : Profile.values()) {
      if (profiles.contains(p)) {
        parts.add(p.keyword());
      }
    }
    return String.join(",", parts);
  }

  public static Optional<AddressKeyword> addressKeyword(String text) {
    return Optional.ofNullable(addressKeyword(text, 0, text.length()));
  }

  /**
   * The keyword the chars {@code from..to} of {@code text} spell (any case), or null. Called for
   * every address read back, so an item that starts with a digit or ':' (an address: no keyword
   * does) is answered without looking at the table, and nothing is lower-cased or allocated.
   */
  public static AddressKeyword addressKeyword(String text, int from, int to) {
    if (from >= to) {
      return null;
    }
    char c = text.charAt(from);
    if ((c >= '0' && c <= '9') || c == ':') {
      return null;
    }
    int n = to - from;
    for (AddressKeyword k : KEYWORD_ORDER) {
      String spelling = ADDRESS_KEYWORDS.get(k);
      if (spelling.length() == n && asciiLowerEquals(text, from, spelling)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Whether {@code text} from {@code from} is {@code lower} (lower-case ASCII) in any case of
   * ASCII letters, exactly as {@code toLowerCase(Locale.ROOT).equals(lower)} decides for those
   * lengths: String.regionMatches with ignoreCase would also accept some non-ASCII letters
   * (U+0130 as 'i', U+017F as 's').
   */
  private static boolean asciiLowerEquals(String text, int from, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      char c = text.charAt(from + i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  public static Optional<PortKeyword> localPortKeyword(String text) {
    return LOCAL_PORT_KEYWORDS.entrySet().stream()
        .filter(e -> e.getValue().equalsIgnoreCase(text))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
