package dev.rpcwall.compiler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.testing.TextReference.Addr;
import dev.rpcwall.compiler.testing.TextReference.Interval;
import dev.rpcwall.compiler.testing.TextReference.Verdict;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The oracle checked by hand: literal values written out in hex, and the meaning on small policies.
 */
class TextReferenceTest {

  private static Addr v4(long value) {
    return new Addr(false, BigInteger.valueOf(value));
  }

  private static Addr v6(String hex) {
    return new Addr(true, new BigInteger(hex, 16));
  }

  @Test
  void literal_everyForm_coversTheAddressesItNames() {
    assertThat(TextReference.literal("10.1.1.7", null))
        .isEqualTo(new Interval(v4(0x0A010107L), v4(0x0A010107L)));
    assertThat(TextReference.literal("10.1.1.7/24", null))
        .isEqualTo(new Interval(v4(0x0A010100L), v4(0x0A0101FFL)));
    assertThat(TextReference.literal("10.2.0.0/255.255.0.0", null))
        .isEqualTo(new Interval(v4(0x0A020000L), v4(0x0A02FFFFL)));
    assertThat(TextReference.literal("0.0.0.0/0.0.0.0", null))
        .isEqualTo(new Interval(v4(0), v4(0xFFFFFFFFL)));
    assertThat(TextReference.literal("192.168.6.1", "192.168.6.50"))
        .isEqualTo(new Interval(v4(0xC0A80601L), v4(0xC0A80632L)));
    assertThat(TextReference.literal("2001:db8:20::/48", null))
        .isEqualTo(
            new Interval(
                v6("20010db8002000000000000000000000"), v6("20010db80020ffffffffffffffffffff")));
    assertThat(TextReference.literal("::", null)).isEqualTo(new Interval(v6("0"), v6("0")));
    assertThat(TextReference.literal("::/0", null))
        .isEqualTo(new Interval(v6("0"), v6("ffffffffffffffffffffffffffffffff")));
    assertThat(TextReference.literal("fe80::1", "FE80:0:0:0:0:0:0:00ff"))
        .isEqualTo(
            new Interval(
                v6("fe800000000000000000000000000001"), v6("fe8000000000000000000000000000ff")));
    assertThat(TextReference.literal("::ffff:10.1.2.3", null).first())
        .isEqualTo(v6("ffff0a010203"));
    assertThat(TextReference.literal("1:2:3:4:5:6:1.2.3.4", null).first())
        .isEqualTo(v6("00010002000300040005000601020304"));
    assertThat(TextReference.literal("1::", null).first())
        .isEqualTo(v6("10000000000000000000000000000"));
    assertThat(TextReference.literal("0::1", null).first()).isEqualTo(v6("1"));
  }

  @Test
  void literal_invalid_throws() {
    assertThatThrownBy(() -> TextReference.literal("10.1.1.256", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextReference.literal("10.1.1.0/255.0.255.0", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextReference.literal("1::2::3", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextReference.literal("10.0.0.9", "10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decide_exceptBindsWholeLists_firstMatchAndManagedSpace() {
    TextReference ref =
        TextReference.read(
            """
            policy "p"
            network a = 10.0.0.0/30
            network b = 10.0.0.8/30, c except 10.0.0.1, d
            network c = 10.0.0.16
            network d = 10.0.0.9
            allow a, b except 10.0.0.2, c to tcp 135 on domain
            block any to tcp 135, udp 53
            default allow
            """);
    // (a | b) minus (10.0.0.2 | c) where b = (10.0.0.8/30 | c) minus (10.0.0.1 | d)
    for (long x = 0; x < 24; x++) {
      boolean allowed = (x <= 3 || (x >= 8 && x <= 11 && x != 9)) && x != 2;
      assertThat(ref.decide(Profile.DOMAIN, Protocol.TCP, 135, v4(0x0A000000L + x)))
          .as("10.0.0.%d", x)
          .isEqualTo(allowed ? new Verdict(Decision.ALLOW, 0) : new Verdict(Decision.BLOCK, 1));
    }
    assertThat(ref.decide(Profile.PUBLIC, Protocol.TCP, 135, v4(0x0A000000L)))
        .isEqualTo(new Verdict(Decision.BLOCK, 1));
    assertThat(ref.decide(Profile.PUBLIC, Protocol.UDP, 53, v6("1")))
        .isEqualTo(new Verdict(Decision.BLOCK, 1));
    assertThat(ref.decide(Profile.PUBLIC, Protocol.TCP, 53, v6("1")))
        .isEqualTo(new Verdict(Decision.UNMANAGED, -1));
    assertThat(ref.decide(Profile.DOMAIN, Protocol.TCP, 136, v4(0x0A000000L)))
        .isEqualTo(new Verdict(Decision.UNMANAGED, -1));
    assertThat(ref.rules().get(1).line()).isEqualTo(7);
    assertThat(ref.rules().get(1).column()).isEqualTo(1);
  }

  @Test
  void decide_builtInServices_followTheRpcBlock() {
    String rules =
        """
        allow any4 to wmi
        allow any6 to rpc-dynamic
        block any to endpoint-mapper
        """;
    TextReference fixed =
        TextReference.read(
            "policy \"p\" rpc { dynamic ports 5001-5100 wmi fixed port 24158 }\n" + rules);
    TextReference shared =
        TextReference.read("policy \"p\" rpc { dynamic ports 5001-5100 }\n" + rules);
    Addr four = v4(1);
    Addr six = v6("1");
    assertThat(fixed.decide(Profile.PUBLIC, Protocol.TCP, 24158, four))
        .isEqualTo(new Verdict(Decision.ALLOW, 0));
    assertThat(fixed.decide(Profile.PUBLIC, Protocol.TCP, 5001, four))
        .isEqualTo(new Verdict(Decision.BLOCK, -1));
    assertThat(fixed.decide(Profile.PUBLIC, Protocol.TCP, 5001, six))
        .isEqualTo(new Verdict(Decision.ALLOW, 1));
    assertThat(fixed.decide(Profile.PUBLIC, Protocol.TCP, 135, six))
        .isEqualTo(new Verdict(Decision.BLOCK, 2));
    assertThat(shared.decide(Profile.PUBLIC, Protocol.TCP, 24158, four))
        .isEqualTo(new Verdict(Decision.UNMANAGED, -1));
    assertThat(shared.decide(Profile.PUBLIC, Protocol.TCP, 5100, four))
        .isEqualTo(new Verdict(Decision.ALLOW, 0));
    assertThat(shared.decide(Profile.PUBLIC, Protocol.TCP, 135, four))
        .isEqualTo(new Verdict(Decision.ALLOW, 0));
  }

  @Test
  void read_stringsProfilesAndHostBits() {
    TextReference ref =
        TextReference.read(
            "POLICY \"a\\\"b\\\\c\\td\\u{1F600}\" description \"x\" Allow 10.0.0.1/8, ::1/64 TO Tcp"
                + " 1 ON Public, DOMAIN");
    assertThat(ref.name()).isEqualTo("a\"b\\c\td😀");
    assertThat(ref.description()).contains("x");
    assertThat(ref.rules().get(0).profiles())
        .containsExactlyInAnyOrder(Profile.PUBLIC, Profile.DOMAIN);
    assertThat(ref.rules().get(0).tokens())
        .isEqualTo("Allow10.0.0.1/8,::1/64TOTcp1ONPublic,DOMAIN");
    assertThat(ref.hostBitLiterals()).isEqualTo(2);
    assertThat(ref.defaultDecision()).isEqualTo(Decision.BLOCK);
  }

  @Test
  void someExceptIsEmpty_onlyWhenNothingIsLeft() {
    assertThat(
            TextReference.read("policy \"p\" network a = 10.0.0.0/31 except 10.0.0.0, 10.0.0.1")
                .someExceptIsEmpty())
        .isTrue();
    assertThat(
            TextReference.read("policy \"p\" network a = 10.0.0.0/30 except 10.0.0.0-10.0.0.2")
                .someExceptIsEmpty())
        .isFalse();
    assertThat(TextReference.read("policy \"p\" network a = any except any4").someExceptIsEmpty())
        .isFalse();
    assertThat(TextReference.read("policy \"p\" network a = any6 except ::/0").someExceptIsEmpty())
        .isTrue();
  }
}
