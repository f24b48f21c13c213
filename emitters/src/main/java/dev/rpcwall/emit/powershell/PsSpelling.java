package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.WfasRule;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Spellings the PowerShell emitter writes and the reader accepts, in one place so the two stay
 * inverses (windows-semantics.md 4.1, New-NetFirewallRule parameter value lists).
 */
public final class PsSpelling {
  private PsSpelling() {}

  /** -LocalPort keywords as New-NetFirewallRule documents them; C3: RPCEPMap, not RPC-EPMap. */
  static final Map<PortKeyword, String> PORT_KEYWORDS = new EnumMap<>(PortKeyword.class);

  /** -RemoteAddress keywords (4.1); the FASP names map to the cmdlet names as in 3.3. */
  static final Map<AddressKeyword, String> ADDRESS_KEYWORDS = new EnumMap<>(AddressKeyword.class);

  static {
    PORT_KEYWORDS.put(PortKeyword.RPC, "RPC");
    PORT_KEYWORDS.put(PortKeyword.RPC_EPMAP, "RPCEPMap");
    PORT_KEYWORDS.put(PortKeyword.TEREDO, "Teredo");
    PORT_KEYWORDS.put(PortKeyword.IPHTTPS_IN, "IPHTTPSIn");
    PORT_KEYWORDS.put(PortKeyword.IPHTTPS_OUT, "IPHTTPSOut");
    PORT_KEYWORDS.put(PortKeyword.PLAY_TO_DISCOVERY, "PlayToDiscovery");
    ADDRESS_KEYWORDS.put(AddressKeyword.LOCAL_SUBNET, "LocalSubnet");
    ADDRESS_KEYWORDS.put(AddressKeyword.DNS, "DNS");
    ADDRESS_KEYWORDS.put(AddressKeyword.DHCP, "DHCP");
    ADDRESS_KEYWORDS.put(AddressKeyword.WINS, "WINS");
    ADDRESS_KEYWORDS.put(AddressKeyword.DEFAULT_GATEWAY, "DefaultGateway");
    ADDRESS_KEYWORDS.put(AddressKeyword.INTRANET, "Intranet");
    ADDRESS_KEYWORDS.put(AddressKeyword.INTERNET, "Internet");
    ADDRESS_KEYWORDS.put(AddressKeyword.PLAY_TO_DEVICE, "PlayToDevice");
    ADDRESS_KEYWORDS.put(AddressKeyword.REMOTE_INTRANET, "IntranetRemoteAccess");
    ADDRESS_KEYWORDS.put(AddressKeyword.CAPTIVE_PORTAL, "CaptivePortal");
  }

  public static Optional<PortKeyword> portKeyword(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    // C3: -LocalPort documents RPCEPMap, -RemotePort and netsh RPC-EPMap; accept both, any case.
    if (w.equals("rpc-epmap")) {
      return Optional.of(PortKeyword.RPC_EPMAP);
    }
    return PORT_KEYWORDS.entrySet().stream()
        .filter(e -> e.getValue().equalsIgnoreCase(word))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  public static Optional<AddressKeyword> addressKeyword(String word) {
    // Called twice for every address read back: a plain loop, in the map's order.
    for (Map.Entry<AddressKeyword, String> e : ADDRESS_KEYWORDS.entrySet()) {
      if (e.getValue().equalsIgnoreCase(word)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** -Protocol value: the table's names as documented (4.1), {@code Any}, else the number. */
  static String protocol(int protocol) {
    if (protocol == WfasRule.ANY_PROTOCOL) {
      return "Any";
    }
    return ProtocolNames.name(protocol).orElse(Integer.toString(protocol));
  }

  /** The protocol number of a -Protocol value, or -1 when it is not one. */
  static int protocol(String word) {
    return ProtocolNames.number(word);
  }
}
