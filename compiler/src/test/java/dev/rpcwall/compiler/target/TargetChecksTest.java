package dev.rpcwall.compiler.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetChecksTest {
  private static List<Diagnostic> check(String name) {
    Policy p = new Policy(name, SourceSpan.at("p.rpcwall", 1, 8, 3), Optional.empty(),
        SourceSpan.UNKNOWN, List.of(), Action.BLOCK, SourceSpan.UNKNOWN, RpcSettings.NONE,
        "p.rpcwall");
    Diagnostics d = new Diagnostics();
    TargetChecks.check(p, d);
    return d.sorted();
  }

  @Test
  void tooLong_theLimitPrintedIsTheLimitEnforced() {
    int limit = TargetChecks.MAX_POLICY_TEXT;
    assertThat(check("x".repeat(limit))).isEmpty();
    List<Diagnostic> over = check("x".repeat(limit + 1));
    assertThat(over).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Codes.TARGET_TOO_LONG);
      assertThat(d.message()).contains("at most " + limit + " fit");
      assertThat(d.hint()).hasValue("shorten it to " + limit + " characters or fewer");
    });
  }
}
