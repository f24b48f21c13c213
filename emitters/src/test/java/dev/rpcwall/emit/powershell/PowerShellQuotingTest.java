package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PsFixtures.decode;
import static dev.rpcwall.emit.powershell.PsFixtures.input;
import static dev.rpcwall.emit.powershell.PsFixtures.policy;
import static dev.rpcwall.emit.powershell.PsFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.ScriptInput;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.rpcwall.compiler.testing.Seeded;

class PowerShellQuotingTest {
  /** Characters that matter to PowerShell or to review, mixed with ordinary and astral text. */
  private static final String[] ALPHABET = {
    "a", "Z", "0", " ", "-", "'", "\u2018", "\u2019", "\u201A", "\u201B", "\"", "\u201C",
    "\u201D", "\u201E", "$", "$(x)", "${y}", "`", "`n", "#", "<#", "#>", "@", "(", ")", "{", "}",
    ";", "&", "|", "%", "^", "!", "\n", "\r", "\r\n", "\t", "\u0000", "\u0085", "\u2028",
    "\u200E", "\u200F", "\u202E", "\u2066", "\u00E9", "\u05D0", "\u0627", "\uD83D\uDE00",
    "\uD800", "\uDFFF", "\\", ",", "=", "*", "?", "[", "]"
  };

  @Test
  void quote_doublesEverySingleQuoteCharacter() {
    assertThat(PowerShellQuoting.quote("it's")).isEqualTo("'it''s'");
    assertThat(PowerShellQuoting.quote("a\u2019b\u2018c\u201Ad\u201Be"))
        .isEqualTo("'a\u2019\u2019b\u2018\u2018c\u201A\u201Ad\u201B\u201Be'");
    assertThat(PowerShellQuoting.quote("$x `n \"y\"")).isEqualTo("'$x `n \"y\"'");
    assertThat(PowerShellQuoting.quote("")).isEqualTo("''");
  }

  @Test
  void quote_unquotableText_isABug() {
    assertThatThrownBy(() -> PowerShellQuoting.quote("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void problem_marksAndAstralCharacters_areCarried() {
    assertThat(PowerShellQuoting.problem("\u200F\u05D0\u200E \uD83D\uDE00")).isEmpty();
    assertThat(PowerShellQuoting.problem("\u2028")).isPresent();
    assertThat(PowerShellQuoting.problem("\u0085")).isPresent();
  }

  /** Quoted text read back by the reader's own lexer is the original text. */
  @Test
  void quote_anyCheckedString_lexesBackIdentical() {
    Seeded.check(qt -> qt.withExamples(2000)
        .forAll(lists().of(integers().between(0, ALPHABET.length - 1)).ofSizeBetween(0, 24))
        .checkAssert(indexes -> {
          String s = text(indexes);
          if (PowerShellQuoting.problem(s).isPresent()) {
            return;
          }
          Diagnostics d = new Diagnostics();
          List<PsLexer.Token> tokens = PsLexer.lex(new SourceFile("q.ps1", PowerShellQuoting.quote(s)), d);
          assertThat(d.sorted()).isEmpty();
          assertThat(tokens).hasSize(2);
          assertThat(tokens.get(0).kind()).isEqualTo(PsLexer.Kind.STRING);
          assertThat(tokens.get(0).text()).isEqualTo(s);
        }));
  }

  /**
   * The whole path: a name or description is either rejected by check with a diagnostic at the
   * policy's span, or emitted and read back identical.
   */
  @Test
  void emitRead_anyNameAndDescription_isRejectedOrReadBackIdentical() {
    PowerShellEmitter emitter = new PowerShellEmitter();
    Seeded.check(qt -> qt.withExamples(300)
        .forAll(lists().of(integers().between(0, ALPHABET.length - 1)).ofSizeBetween(1, 16),
            lists().of(integers().between(0, ALPHABET.length - 1)).ofSizeBetween(0, 16))
        .checkAssert((a, b) -> {
          String name = text(a);
          String description = text(b);
          WfasRule rule = new WfasRule(name, name + " (allow)", Optional.of("rpcwall: " + name),
              Optional.of(description), dev.rpcwall.compiler.model.Direction.IN, RuleAction.ALLOW,
              6, dev.rpcwall.compiler.model.PortCondition.of(PortSet.of(135)),
              dev.rpcwall.compiler.model.PortCondition.ANY, AddressCondition.ANY,
              AddressCondition.ANY, Set.of(), true, Optional.empty(), Optional.empty(),
              SourceSpan.UNKNOWN);
          ScriptInput in = input(policy(name, Optional.of(description)),
              new WfasRuleSet(List.of(rule), RpcSettings.NONE));
          Diagnostics d = new Diagnostics();
          emitter.check(in, d);
          boolean unsafe = PowerShellQuoting.problem(name).isPresent()
              || PowerShellQuoting.problem(description).isPresent()
              || name.contains("|") || description.contains("|")
              || name.trim().equalsIgnoreCase("all")
              // the group is removed with Get-NetFirewallRule -Group: no wildcard characters
              || name.chars().anyMatch(c -> "*?[]`".indexOf(c) >= 0);
          assertThat(d.hasErrors()).isEqualTo(unsafe);
          if (unsafe) {
            assertThat(d.sorted()).allSatisfy(x -> assertThat(x.span().isKnown()).isTrue());
            return;
          }
          var back = read(decode(emitter.emit(in).get(0)));
          assertThat(back.diagnostics()).isEmpty();
          WfasRule r = back.orElseThrow().rules().get(0);
          assertThat(r.id()).isEqualTo(name);
          assertThat(r.displayName()).isEqualTo(name + " (allow)");
          assertThat(r.group()).contains("rpcwall: " + name);
          assertThat(r.description()).contains(description);
        }));
  }

  private static String text(List<Integer> indexes) {
    StringBuilder b = new StringBuilder();
    indexes.forEach(i -> b.append(ALPHABET[i]));
    return b.toString();
  }
}
