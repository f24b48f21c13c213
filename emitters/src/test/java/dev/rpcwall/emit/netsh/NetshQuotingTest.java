package dev.rpcwall.emit.netsh;

import static dev.rpcwall.emit.netsh.NetshFixtures.input;
import static dev.rpcwall.emit.netsh.NetshFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.emit.netsh.NetshQuoting.Kind;
import dev.rpcwall.emit.netsh.NetshQuoting.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class NetshQuotingTest {
  private static final String SPECIAL = "\"%^&|<>!()=,;'`$\\ \r\n\t\u0000\u001a\u200f\u202e\u00e9\u4e2d";

  @Test
  void quote_specialCharacters_doublesPercentOnly() {
    assertThat(NetshQuoting.quote("a%b&c|d<e>f^g!h(i)", Kind.NAME))
        .isEqualTo("\"a%%b&c|d<e>f^g!h(i)\"");
  }

  @Test
  void problems_eachHazard_hasItsCode() {
    assertThat(codes("say \"hi\"", Kind.TEXT)).containsExactly(Codes.NETSH_QUOTE);
    assertThat(codes("a\r\nb", Kind.TEXT)).containsExactly(Codes.NETSH_LINE_BREAK);
    assertThat(codes("a\tb", Kind.TEXT)).containsExactly(Codes.NETSH_CONTROL);
    assertThat(codes("caf\u00e9", Kind.TEXT)).containsExactly(Codes.NETSH_NON_ASCII);
    assertThat(codes("\u202eabc", Kind.TEXT)).containsExactly(Codes.NETSH_NON_ASCII);
    assertThat(codes("C:\\dir\\", Kind.TEXT)).containsExactly(Codes.NETSH_TRAILING_BACKSLASH);
    assertThat(codes(" padded", Kind.NAME)).containsExactly(Codes.NETSH_NAME_BLANK);
    assertThat(codes("", Kind.NAME)).containsExactly(Codes.NETSH_NAME_BLANK);
    assertThat(codes(" padded", Kind.TEXT)).isEmpty();
    assertThat(codes("C:\\dir\\file 100% & more!", Kind.TEXT)).isEmpty();
  }

  @Test
  void quote_rejectedText_throws() {
    assertThatThrownBy(() -> NetshQuoting.quote("a\"b", Kind.TEXT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quoteLenient_unsafeCharacters_replaced() {
    assertThat(NetshQuoting.quoteLenient("d\"ir\\50%\n\u00e9\\"))
        .isEqualTo("\"d?ir\\50%%???\"");
  }

  /**
   * Random Unicode names and descriptions, rich in cmd.exe's special characters: either check
   * rejects them, or the script read back carries exactly the same text.
   */
  @Test
  void emitThenRead_randomText_rejectedOrIdentical() {
    Seeded.check(qt -> qt.withExamples(400).forAll(text(), text()).checkAssert((name, desc) -> {
      String ruleName = name + " - allow tcp";
      WfasRule rule = NetshFixtures.rule(ruleName, RuleAction.ALLOW, 6, PortSet.of(135),
          NetshFixtures.remote("10.1.1.0/24"), Set.of(), Optional.of(desc));
      WfasRuleSet set = new WfasRuleSet(List.of(rule), RpcSettings.NONE);
      var in = input(policy(name, Optional.of(desc), RpcSettings.NONE), set);
      List<Diagnostic> diags = NetshFixtures.check(in);
      if (!diags.isEmpty()) {
        assertThat(diags).allSatisfy(d -> assertThat(d.span()).isIn(
            NetshFixtures.NAME_AT, NetshFixtures.DESCRIPTION_AT, NetshFixtures.RULE_AT));
        return;
      }
      var files = new NetshEmitter().emit(in);
      var read = NetshFixtures.read(files.get(0));
      assertThat(read.diagnostics()).isEmpty();
      WfasRule back = read.orElseThrow().rules().get(0);
      assertThat(back.displayName()).isEqualTo(ruleName);
      assertThat(back.description()).isEqualTo(desc.isEmpty() ? Optional.empty() : Optional.of(desc));
      assertThat(NetshFixtures.read(files.get(1)).value()).isPresent();
    }));
  }

  private static Gen<String> text() {
    Gen<Integer> special = integers().between(0, SPECIAL.length() - 1).map(SPECIAL::charAt).map(c -> (int) c);
    Gen<Integer> ascii = integers().between(0x20, 0x7e);
    Gen<Integer> any = integers().between(0, 0x10FFFF).map(cp -> Character.isSurrogate((char) (int) cp) ? 0x41 : cp);
    Gen<Integer> cp = integers().between(0, 9).zip(special, ascii, any,
        (pick, s, a, u) -> pick < 3 ? s : pick < 9 ? a : u);
    return lists().of(cp).ofSizeBetween(0, 24).map(l -> {
      StringBuilder b = new StringBuilder();
      l.forEach(b::appendCodePoint);
      return b.toString();
    });
  }

  private static List<String> codes(String text, Kind kind) {
    return NetshQuoting.problems(text, kind, "text").stream().map(Problem::code).toList();
  }
}
