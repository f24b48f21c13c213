package dev.rpcwall.emit.netshipsec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.Targets;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.family.ScriptHeader;
import dev.rpcwall.emit.family.ipsec.IpsecFamily;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rollback proof's host for netsh ipsec holds the first filter of each run of filters into one
 * list ({@link NetshIpsecRollbackHost#thin}); what the rollback leaves must still be proven.
 */
class NetshIpsecRollbackHostTest {
  private static final Target<IpsecScriptInput, IpsecStore> TARGET =
      Targets.ipsec().get(TargetId.NETSH_IPSEC);

  private static DecisionMap map() {
    return dev.rpcwall.emit.TestPolicies.example("kb-rpc-5001-5021.rpcwall").decisionMap().orElseThrow();
  }

  private static IpsecScriptInput input(DecisionMap map) {
    return IpsecFamily.INSTANCE.input(map,
        IpsecLowering.lower(map, NipsecFixtures.V4).orElseThrow(),
        new ScriptHeader("kb-rpc-5001-5021-00000000", "0".repeat(64), Compilation.TOOL_VERSION, true));
  }

  private static Map<String, Integer> filtersPerList(String text) {
    Map<String, Integer> out = new TreeMap<>();
    for (String l : text.split("\r\n")) {
      if (l.startsWith("netsh ipsec static add filter filterlist=\"")) {
        String list = l.split("\"")[1];
        out.merge(list, 1, Integer::sum);
      }
    }
    return out;
  }

  @Test
  void thin_keepsOneFilterPerRunIntoAList_andEveryOtherLine() {
    String apply = NipsecFixtures.text(TARGET.emitter().emit(input(map())).get(0));
    String thin = NetshIpsecRollbackHost.thin(apply);
    Map<String, Integer> before = filtersPerList(apply);
    Map<String, Integer> after = filtersPerList(thin);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    // The KB script builds each list in one run per build site (first run, re-apply: final and
    // temporary names): at most two runs per list.
    assertThat(after.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
    assertThat(before.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(40);
    // Nothing but add filter lines and their error checks goes.
    List<String> kept = thin.lines().filter(l -> !l.startsWith("netsh ipsec static add filter ")
        && !l.startsWith("if errorlevel 1 (echo rpcwall: FAILED: add filter")).toList();
    List<String> all = apply.lines().filter(l -> !l.startsWith("netsh ipsec static add filter ")
        && !l.startsWith("if errorlevel 1 (echo rpcwall: FAILED: add filter")).toList();
    assertThat(kept).isEqualTo(all);
  }

  @Test
  void proof_stillCatchesARollbackThatLeavesAList() {
    DecisionMap map = map();
    IpsecScriptInput in = input(map);
    List<EmittedFile> files = TARGET.emitter().emit(in);
    assertThat(Compilation.verify(TARGET, in, files, map)).isEmpty();
    EmittedFile rb = files.get(1);
    String broken = rb.text().replaceAll(
        "netsh ipsec static delete filterlist name=\"[^\"]*/block-list\" >nul 2>&1\r\n", "");
    assertThat(broken).isNotEqualTo(rb.text());
    List<String> problems = Compilation.verify(TARGET, in, List.of(files.get(0),
        new EmittedFile(rb.name(), broken, rb.lineEnding(), rb.charset(), rb.bom())), map);
    assertThat(problems).isNotEmpty();
  }
}
