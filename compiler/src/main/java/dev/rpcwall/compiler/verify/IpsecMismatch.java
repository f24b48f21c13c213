package dev.rpcwall.compiler.verify;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A region where legacy IPsec filters read back from a script do not mean what the policy means:
 * for {@code protocol}, every local port in {@code ports} and remote IPv4 address in {@code
 * addresses} the policy decides {@code expected} but the Policy Agent {@code actual} (an {@link
 * IpsecVerdict#AMBIGUOUS} verdict is always a mismatch). {@code reading} says which reading of the
 * filters gave it ({@link IpsecTranslationCheck}); {@code deciding} are the filters that decide
 * (or make ambiguous) the region's first address.
 */
public record IpsecMismatch(
    String reading,
    Protocol protocol,
    PortRange ports,
    IpRange addresses,
    Decision expected,
    IpsecVerdict actual,
    List<IpsecFilter> deciding) {
  public IpsecMismatch {
    requireNonNull(reading, "reading");
    requireNonNull(protocol, "protocol");
    requireNonNull(ports, "ports");
    requireNonNull(addresses, "addresses");
    requireNonNull(expected, "expected");
    requireNonNull(actual, "actual");
    deciding = List.copyOf(deciding);
  }

  /** One line for humans, e.g. {@code tcp 135 10.1.2.0-10.1.2.255: policy says allow, ...}. */
  public String describe() {
    return protocol.keyword()
        + " "
        + ports
        + " "
        + addresses
        + ": policy says "
        + expected.keyword()
        + ", the IPsec filters "
        + (reading.isEmpty() ? "" : "(" + reading + ") ")
        + switch (actual) {
          case NO_MATCH -> "match nothing (pass)";
          case AMBIGUOUS -> "are ambiguous (no filter strictly more specific)";
          case DEPENDS_ON_REMOTE_PORT -> "decide by the remote port";
          default -> actual.name().toLowerCase(Locale.ROOT);
        }
        + (deciding.isEmpty()
            ? ""
            : " ["
                + deciding.stream().map(IpsecFilter::toString).collect(Collectors.joining("; "))
                + "]");
  }

  @Override
  public String toString() {
    return describe();
  }
}
