package dev.rpcwall.compiler.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirewallRuleStringsTest {
  private static final SourceSpan AT = SourceSpan.at("rules.reg", 7, 10, 0);

  private static FirewallRuleStrings.Parsed parse(String text) {
    return FirewallRuleStrings.parse("Rule-1", text, AT);
  }

  private static WfasRule rule(String text) {
    FirewallRuleStrings.Parsed p = parse(text);
    assertThat(p.problems()).isEmpty();
    assertThat(p.rule()).isPresent();
    return p.rule().get();
  }

  @Test
  void readsTheFieldsOfARuleString() {
    WfasRule r =
        rule("v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|Profile=Private"
            + "|LPort=135|App=%SystemRoot%\\system32\\svchost.exe|Svc=rpcss|Name=EPM in"
            + "|Desc=endpoint mapper|EmbedCtxt=@FirewallAPI.dll,-34251|RA4=10.1.0.0/16|");
    assertThat(r.id()).isEqualTo("Rule-1");
    assertThat(r.displayName()).isEqualTo("EPM in");
    assertThat(r.group()).contains("@FirewallAPI.dll,-34251");
    assertThat(r.description()).contains("endpoint mapper");
    assertThat(r.direction()).isEqualTo(Direction.IN);
    assertThat(r.action()).isEqualTo(RuleAction.ALLOW);
    assertThat(r.enabled()).isTrue();
    assertThat(r.protocol()).isEqualTo(6);
    assertThat(r.profiles()).containsExactlyInAnyOrder(Profile.DOMAIN, Profile.PRIVATE);
    assertThat(r.localPorts()).isEqualTo(PortCondition.of(PortSet.of(135)));
    assertThat(r.remotePorts()).isEqualTo(PortCondition.ANY);
    assertThat(r.program()).contains("%SystemRoot%\\system32\\svchost.exe");
    assertThat(r.service()).contains("rpcss");
    assertThat(r.remoteAddresses().addresses().toString()).isEqualTo("10.1.0.0/16");
    assertThat(r.localAddresses().any()).isTrue();
    assertThat(r.origin()).isEqualTo(AT);
    assertThat(r.otherConditions()).isEmpty();
  }

  @Test
  void activeMissingMeansDisabledAndNameMissingIsTheId() {
    WfasRule r = rule("v2.30|Action=Block|Dir=In|Protocol=17|LPort=137|");
    assertThat(r.enabled()).isFalse();
    assertThat(r.displayName()).isEqualTo("Rule-1");
    assertThat(r.profiles()).isEmpty();
    assertThat(r.protocol()).isEqualTo(17);
  }

  @Test
  void protocolMissingIsAny() {
    WfasRule r = rule("v2.10|Action=Block|Active=TRUE|Dir=In|RA4=192.0.2.1|");
    assertThat(r.protocol()).isEqualTo(WfasRule.ANY_PROTOCOL);
  }

  @Test
  void repeatedPortsRangesAndKeywordsAccumulate() {
    WfasRule r =
        rule("v2.26|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|LPort=445"
            + "|LPort2_10=5001-5021|LPort=RPC|LPort=RPC-EPMap|RPort=1024|RPort2_10=2000-2001|");
    assertThat(r.localPorts().ports()).isEqualTo(PortSet.of(135).union(PortSet.of(445))
        .union(PortSet.of(5001, 5021)));
    assertThat(r.localPorts().keywords()).containsExactlyInAnyOrder(PortKeyword.RPC,
        PortKeyword.RPC_EPMAP);
    assertThat(r.remotePorts().ports()).isEqualTo(PortSet.of(1024).union(PortSet.of(2000, 2001)));
  }

  @Test
  void portBoundaries() {
    assertThat(rule("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=0|").localPorts().ports())
        .isEqualTo(PortSet.of(0));
    assertThat(rule("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=65535|").localPorts().ports())
        .isEqualTo(PortSet.of(65535));
    assertThat(parse("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=65536|").rule()).isEmpty();
    assertThat(parse("v2.10|Action=Allow|Dir=In|Protocol=6|LPort2_10=10-9|").rule()).isEmpty();
    assertThat(parse("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=-1|").rule()).isEmpty();
  }

  @Test
  void addressFamiliesAndKeywords() {
    WfasRule r =
        rule("v2.33|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|RA4=LocalSubnet"
            + "|RA6=LocalSubnet|RA4=10.0.0.1-10.0.0.9|RA4=172.16.0.0/255.240.0.0|RA6=fe80::/64"
            + "|RA42=IntErnet|RA62=IntrAnet|LA4=192.0.2.7|LA6=2001:db8::1|");
    assertThat(r.remoteAddresses().keywords()).containsExactlyInAnyOrder(
        AddressKeyword.LOCAL_SUBNET, AddressKeyword.INTERNET, AddressKeyword.INTRANET);
    assertThat(r.remoteAddresses().addresses().contains(Ip.parse("10.0.0.9").get())).isTrue();
    assertThat(r.remoteAddresses().addresses().contains(Ip.parse("10.0.0.10").get())).isFalse();
    assertThat(r.remoteAddresses().addresses().contains(Ip.parse("172.31.255.255").get())).isTrue();
    assertThat(r.remoteAddresses().addresses().contains(Ip.parse("172.32.0.0").get())).isFalse();
    assertThat(r.remoteAddresses().addresses().contains(Ip.parse("fe80::ffff").get())).isTrue();
    assertThat(r.localAddresses().addresses().toString()).isEqualTo("192.0.2.7,2001:db8::1");
  }

  @Test
  void anIpv6AddressInRa4IsRefused() {
    FirewallRuleStrings.Parsed p =
        parse("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=135|RA4=fe80::1|");
    assertThat(p.rule()).isEmpty();
    assertThat(p.problems()).singleElement().satisfies(x -> {
      assertThat(x.category()).isEqualTo(HostNote.INVALID_RULE);
      assertThat(x.message()).contains("RA4").contains("other family");
      assertThat(x.offset())
          .isEqualTo("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=135|RA4=".length());
    });
  }

  @Test
  void portsOnlyAfterTcpOrUdp() {
    FirewallRuleStrings.Parsed p = parse("v2.10|Action=Allow|Dir=In|LPort=135|Protocol=6|");
    assertThat(p.rule()).isEmpty();
    assertThat(p.problems()).singleElement().satisfies(x -> {
      assertThat(x.category()).isEqualTo(HostNote.INVALID_RULE);
      assertThat(x.message()).contains("any protocol");
    });
    assertThat(parse("v2.10|Action=Allow|Dir=In|Protocol=1|LPort=135|").rule()).isEmpty();
  }

  @Test
  void rpcKeywordsNeedTcpInbound() {
    assertThat(parse("v2.10|Action=Allow|Dir=In|Protocol=17|LPort=RPC|").problems())
        .singleElement().satisfies(x -> assertThat(x.message()).contains("needs Protocol=6"));
    assertThat(parse("v2.10|Action=Allow|Dir=Out|Protocol=6|LPort=RPC-EPMap|").problems())
        .singleElement().satisfies(x -> assertThat(x.message()).contains("outbound"));
  }

  @Test
  void missingActionOrDirIsRefused() {
    FirewallRuleStrings.Parsed p = parse("v2.10|Active=TRUE|Protocol=6|LPort=135|");
    assertThat(p.rule()).isEmpty();
    assertThat(p.problems()).extracting(FirewallRuleStrings.Problem::message)
        .containsExactly("the rule string has no Action", "the rule string has no Dir");
  }

  @Test
  void hostConditionsAreKeptAsOtherConditions() {
    WfasRule r =
        rule("v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=1|ICMP4=8:*|IFType=Lan"
            + "|Security=Authenticate|Platform=2:6:2|Platform2=GTEQ|Edge=TRUE|Defer=App|");
    assertThat(r.otherConditions()).containsExactly("ICMP type ICMP4=8:*",
        "interface type IFType=Lan", "IPsec security Security=Authenticate",
        "OS version Platform=2:6:2", "OS version Platform2=GTEQ");
  }

  @Test
  void anUnknownTokenOfANewerVersionIsReadAndSaid() {
    FirewallRuleStrings.Parsed p =
        parse("v2.40|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|Zone9=Corp|");
    assertThat(p.rule()).isPresent();
    assertThat(p.rule().get().otherConditions()).containsExactly("unknown condition Zone9=Corp");
    assertThat(p.problems()).singleElement().satisfies(x -> {
      assertThat(x.category()).isEqualTo(HostNote.UNREADABLE);
      assertThat(x.message()).contains("Zone9").contains("v2.40").contains("newer than v2.33");
      assertThat(x.offset()).isEqualTo(
          "v2.40|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|".length());
    });
  }

  @Test
  void anUnknownTokenOfAKnownVersionDoesNotClaimANewerVersion() {
    FirewallRuleStrings.Parsed p =
        parse("v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|Zone9=Corp|");
    assertThat(p.problems()).singleElement()
        .satisfies(x -> assertThat(x.message()).doesNotContain("newer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v", "v2", "x2.10|Action=Allow|", "v2.x|Action=Allow|", "|||",
      "v2.10", "v2.10|=|", "v2.10|Action|Dir=In|"})
  void textThatIsNoRuleStringGivesNoRuleAndAProblem(String text) {
    FirewallRuleStrings.Parsed p = parse(text);
    assertThat(p.rule()).isEmpty();
    assertThat(p.problems()).isNotEmpty();
  }

  @Test
  void noteLocatorOffsetsSameLine() {
    FirewallRuleStrings.Locator l = FirewallRuleStrings.sameLine(AT);
    assertThat(l.at(5, 3)).isEqualTo(SourceSpan.at("rules.reg", 7, 15, 3));
  }

  @Test
  void bypassAndKeywordsOfLaterVersions() {
    WfasRule r = rule("v2.29|Action=ByPass|Active=TRUE|Dir=In|Protocol=17|LPort2_20=Ply2Disc"
        + "|LPort2_10=IPTLSIn|LPort2_10=IPHTTPSIn|LPort2_20=DHCP|RMAuth=O:LSD:(A;;CC;;;S-1-5-11)|");
    assertThat(r.action()).isEqualTo(RuleAction.BYPASS);
    assertThat(r.localPorts().keywords()).isEqualTo(Set.of(PortKeyword.PLAY_TO_DISCOVERY,
        PortKeyword.IPHTTPS_IN, PortKeyword.DHCP));
    assertThat(r.otherConditions()).isEqualTo(
        List.of("authorized remote computers RMAuth=O:LSD:(A;;CC;;;S-1-5-11)"));
  }
}
