package dev.rpcwall.emit.netshipsec;

import static dev.rpcwall.emit.TestPolicies.example;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.emit;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.input;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.readOk;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KB example through the netsh ipsec emitter: names, bytes, header, and what it means. */
class NetshIpsecEmitterTest {
  private static final Policy KB = example("kb-rpc-5001-5021.rpcwall").policy().orElseThrow();

  @Test
  void emit_kbExample_writesTheTwoFilesCrlfAsciiUnderTheTargetsNames() {
    List<EmittedFile> files = emit(input(KB, true));
    assertThat(files).extracting(EmittedFile::name)
        .containsExactly("kb-rpc-5001-5021-netsh-ipsec.cmd", "kb-rpc-5001-5021-netsh-ipsec-rollback.cmd");
    for (EmittedFile f : files) {
      String t = text(f);
      assertThat(t).endsWith("\r\n");
      assertThat(t.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
      for (String line : t.split("\r\n")) {
        assertThat(line.length()).as(line).isLessThan(NetshIpsecEmitter.MAX_LINE);
      }
    }
  }

  @Test
  void emit_twice_sameBytes() {
    List<EmittedFile> a = emit(input(KB, true));
    List<EmittedFile> b = emit(input(KB, true));
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).bytes()).isEqualTo(a.get(i).bytes());
    }
  }

  @Test
  void emit_kbExample_readsBackToExactlyTheLoweredFiltersAssignedUnderTheFinalName() {
    IpsecScriptInput in = input(KB, true);
    IpsecStore store = readOk(emit(in).get(0));
    String slug = Slug.of(KB.name());
    assertThat(store.policies()).extracting(IpsecPolicy::name).containsExactly("rpcwall/" + slug);
    assertThat(store.assigned()).isPresent();
    assertThat(store.effectiveFilters()).containsExactlyInAnyOrderElementsOf(in.filters());
    assertThat(store.effectiveFilters()).hasSize(in.filters().size());
    // The KB's meaning: 135 and 5001-5021 from 10.1.1.0/24 pass, from anywhere else blocked.
    IpsecEvaluator ev = IpsecEvaluator.of(store.effectiveFilters());
    long admin = Ip.parse("10.1.1.7").orElseThrow().lo();
    long other = Ip.parse("10.1.2.7").orElseThrow().lo();
    for (int port : new int[] {135, 5001, 5021}) {
      assertThat(ev.decide(admin, 6, port).verdict()).isEqualTo(IpsecVerdict.PASS);
      assertThat(ev.decide(other, 6, port).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    }
    assertThat(ev.decide(other, 6, 5022).verdict()).isEqualTo(IpsecVerdict.NO_MATCH);
  }

  @Test
  void emit_kbExample_eachFilterIsOneExplicitAddFilterLine() {
    IpsecScriptInput in = input(KB, true);
    String apply = text(emit(in).get(0));
    String slug = Slug.of(KB.name());
    assertThat(apply).contains(
        "netsh ipsec static add filter filterlist=\"rpcwall/" + slug + "/permit-list\" srcaddr=10.1.1.0"
            + " srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no\r\n");
    assertThat(apply).contains(
        "netsh ipsec static add filter filterlist=\"rpcwall/" + slug + "/block-list\" srcaddr=any"
            + " dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no\r\n");
    assertThat(apply).contains("activatedefaultrule=no assign=no");
    long lines = apply.lines().filter(l -> l.startsWith("netsh ipsec static add filter ")).count();
    // Three builds (first apply, temporary, final) of every filter.
    assertThat(lines).isEqualTo(3L * in.filters().size());
    for (String line : apply.split("\r\n")) {
      if (line.startsWith("netsh ipsec static add filter ")) {
        assertThat(line).contains(" mirrored=no").contains(" dstaddr=me");
      }
    }
  }

  @Test
  void emit_everyChangingCommandIsFollowedByAnErrorlevelCheck() {
    String apply = text(emit(input(KB, true)).get(0));
    String[] lines = apply.split("\r\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      boolean changes = l.startsWith("netsh ipsec static add ")
          || (l.startsWith("netsh ipsec static set policy ") && l.endsWith(" assign=yes"));
      if (changes) {
        assertThat(lines[i + 1]).as("after " + l).startsWith("if errorlevel 1 (echo rpcwall: FAILED: ")
            .endsWith("& goto fail)");
      }
    }
  }

  @Test
  void header_saysWhatItIsItsSourceVersionAndFilterCount_andNotVerifiedOnlyWhenSo() {
    IpsecScriptInput in = input(KB, true);
    String apply = text(emit(in).get(0));
    assertThat(apply).startsWith("@echo off\r\nrem rpcwall netsh ipsec static apply script for policy \"KB RPC 5001-5021\"\r\n");
    assertThat(apply).contains("rem Source SHA-256: \"" + in.sourceSha256() + "\"");
    assertThat(apply).contains("rem rpcwall version: \"0.1.0\"");
    long permit = in.filters().stream().filter(f -> f.action() == IpsecAction.PASS).count();
    assertThat(apply).contains("rem Filters: " + in.filters().size() + " (" + permit + " permit, "
        + (in.filters().size() - permit) + " block)");
    assertThat(apply).doesNotContain(ScriptInput.NOT_VERIFIED);
    assertThat(in.ipv6LeftOut()).isTrue();
    assertThat(apply).contains("rem " + IpsecScriptInput.IPV6_LEFT_OUT + "\r\n");
    String unverified = text(emit(input(KB, false)).get(0));
    assertThat(unverified).contains("rem " + ScriptInput.NOT_VERIFIED + "\r\n");
    assertThat(text(emit(input(KB, false)).get(1))).contains("rem " + ScriptInput.NOT_VERIFIED + "\r\n");
  }

  @Test
  void check_rejectsAFilterThatIsNotInboundToThisComputer() {
    IpsecScriptInput in = input(KB, true);
    IpsecFilter mirrored = new IpsecFilter(in.filters().get(0).source(), in.filters().get(0).destination(),
        6, 0, 135, true, IpsecAction.PASS);
    IpsecScriptInput bad = new IpsecScriptInput(in.policy(), List.of(mirrored), in.rpc(), in.slug(),
        in.sourceSha256(), in.toolVersion(), true, false);
    dev.rpcwall.compiler.diag.Diagnostics d = new dev.rpcwall.compiler.diag.Diagnostics();
    NipsecFixtures.EMITTER.check(bad, d);
    assertThat(d.sorted()).extracting(x -> x.code()).containsExactly("RW2330");
  }
}
