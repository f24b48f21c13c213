package dev.rpcwall.emit.netsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 7: the apply script's profile checks. The check lines are run by a small
 * interpreter of exactly the line forms they use, against a simulated registry; any other line in
 * a check block fails the test.
 */
class NetshProfileChecksTest {
  private static final String NAME = "Block RPC Ports";
  private static final String GPO = NetshProfileChecks.GPO_ROOT;
  private static final String LOCAL = NetshProfileChecks.LOCAL_ROOT;

  private static ScriptInput input(Set<Profile> profiles) {
    String prefix = NetshEmitter.ruleNamePrefix(Slug.of(NAME));
    WfasRule rule = NetshFixtures.rule(prefix + "block 135", RuleAction.BLOCK, 6, PortSet.of(135),
        NetshFixtures.remote("10.0.0.0/8"), profiles, Optional.empty());
    WfasRuleSet set = new WfasRuleSet(List.of(rule), RpcSettings.NONE);
    return NetshFixtures.input(NetshFixtures.policy(NAME, Optional.empty(), set.rpc()), set);
  }

  private static List<String> apply(Set<Profile> profiles) {
    return new NetshEmitter().emit(input(profiles)).get(0).text().lines().toList();
  }

  /** The check blocks: from each "rem Profile checks" line to its stop line, inclusive. */
  private static List<List<String>> blocks(List<String> lines) {
    List<List<String>> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("rem Profile checks")) {
        int j = i;
        while (!lines.get(j).startsWith("if defined " + NetshProfileChecks.STOP)) {
          j++;
        }
        blocks.add(lines.subList(i, j + 1));
        i = j;
      }
    }
    return blocks;
  }

  private static boolean changes(String line) {
    return line.startsWith("netsh ") || line.startsWith("reg add") || line.startsWith("reg delete")
        || line.startsWith("reg copy") || line.startsWith("winmgmt") || line.startsWith("for /f")
            && line.contains("delete rule") && !line.contains(") do echo "); // the dry run prints
  }

  @Test
  void emit_checksEveryProfileTheRulesUse_beforeAnyChangeAndAfterTheLast() {
    List<String> lines = apply(Set.of());
    List<List<String>> blocks = blocks(lines);
    assertThat(blocks).hasSize(2);
    int firstChange = -1;
    int lastChange = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (changes(lines.get(i))) {
        lastChange = i;
        if (firstChange < 0) {
          firstChange = i;
        }
      }
    }
    int beforeEnd = lines.indexOf(blocks.get(0).get(blocks.get(0).size() - 1));
    int afterStart = lines.lastIndexOf(blocks.get(1).get(0));
    assertThat(beforeEnd).isLessThan(firstChange);
    assertThat(afterStart).isGreaterThan(lastChange);
    for (List<String> block : blocks) {
      String text = String.join("\n", block);
      for (String p : List.of("Domain", "Private", "Public")) {
        assertThat(text).contains("profile " + p + ": the firewall is off",
            "profile " + p + ": shielded", "profile " + p + ": a GPO sets AllowLocalPolicyMerge=0");
      }
    }
  }

  @Test
  void emit_checksOnlyTheProfilesTheRulesUse() {
    String text = String.join("\n", apply(Set.of(Profile.PUBLIC)));
    assertThat(text).contains("profile Public: ").doesNotContain("profile Domain: ")
        .doesNotContain("profile Private: ");
  }

  @Test
  void read_theChecksAreUnderstood_andChangeNothingTheReaderModels() {
    var file = new NetshEmitter().emit(input(Set.of())).get(0);
    Result<WfasRuleSet> read = NetshFixtures.read(file);
    // An apply without an RPC range restores earlier values (RW2163: not visible to the reader);
    // the profile checks add nothing.
    assertThat(read.diagnostics()).allSatisfy(d -> assertThat(d.code()).isEqualTo("RW2163"));
    assertThat(read.orElseThrow().rules()).hasSize(1);
  }

  @Test
  void read_aProfileQueryThatIsNotAPlainRead_isADiagnostic() {
    assertThat(NetshProfileChecks.isQuery(NetshProfileChecks.query(
        NetshProfileChecks.gpoKey(Profile.DOMAIN), "EnableFirewall", NetshProfileChecks.ZERO)))
        .isTrue();
    String text = "for /f \"delims=\" %%L in ('reg add \"HKLM\\SOFTWARE\\x\" /v A 2^>nul ^| findstr"
        + " /i /r /c:\"REG_DWORD  *0x0\"') do (echo x& set \"RPCWALL_PROFILE_STOP=1\")\r\n";
    assertThat(NetshFixtures.read("x.cmd", text).diagnostics()).isNotEmpty();
  }

  // The simulated host
  // ==================

  /** What running a check block did: the messages, and exit code 2 or -1 for "went on". */
  private record Outcome(List<String> messages, int exit) {
    String text() {
      return String.join("\n", messages);
    }
  }

  private static final Pattern SET = Pattern.compile("set \"([A-Z_]+)=([^\"]*)\"");
  private static final Pattern KEY_AND = Pattern.compile(
      "reg query \"([^\"]+)\" >nul 2>&1 && set \"([A-Z_]+)=([^\"]*)\"");
  private static final Pattern VALUE_OR = Pattern.compile(
      "reg query \"([^\"]+)\" /v ([A-Za-z]+) >nul 2>&1 \\|\\| set \"([A-Z_]+)=([^\"]*)\"");
  private static final Pattern LOOP = Pattern.compile(
      "for /f \"delims=\" %%L in \\('reg query \"([^\"]+)\" /v ([A-Za-z]+) 2\\^>nul \\^\\| findstr"
          + " /i /r /c:\"([^\"]+)\"'\\) do \\(echo (.*)& set \"([A-Z_]+)=1\"\\)");
  private static final Pattern STOP = Pattern.compile(
      "if defined ([A-Z_]+) \\(if /i \"%~1\"==\"/force\" \\(echo (.*)\\) else \\(echo (.*)& exit /b 2\\)\\)");

  /** Runs a check block; {@code registry} maps "key\\value" to a DWORD. Keys exist if listed. */
  private static Outcome run(List<String> block, Map<String, Integer> registry, String arg) {
    Map<String, String> env = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (String raw : block) {
      if (raw.startsWith("rem ")) {
        continue;
      }
      String line = raw;
      for (var e : env.entrySet()) {
        line = line.replace("%" + e.getKey() + "%", e.getValue());
      }
      Matcher m;
      if ((m = SET.matcher(line)).matches()) {
        env.put(m.group(1), m.group(2));
        if (m.group(2).isEmpty()) {
          env.remove(m.group(1));
        }
      } else if ((m = KEY_AND.matcher(line)).matches()) {
        if (keyExists(registry, m.group(1))) {
          env.put(m.group(2), m.group(3));
        }
      } else if ((m = VALUE_OR.matcher(line)).matches()) {
        if (!registry.containsKey(m.group(1) + "\\" + m.group(2))) {
          env.put(m.group(3), m.group(4));
        }
      } else if ((m = LOOP.matcher(line)).matches()) {
        Integer v = registry.get(m.group(1) + "\\" + m.group(2));
        if (v != null) {
          // What reg query prints for a DWORD value, and findstr /i /r with a pattern
          // whose only regex parts are ' *' and a class, which Java reads alike.
          String printed = "    " + m.group(2) + "    REG_DWORD    0x"
              + Integer.toHexString(v).toLowerCase(Locale.ROOT);
          if (Pattern.compile(m.group(3), Pattern.CASE_INSENSITIVE).matcher(printed).find()) {
            out.add(m.group(4));
            env.put(m.group(5), "1");
          }
        }
      } else if ((m = STOP.matcher(line)).matches()) {
        if (env.containsKey(m.group(1))) {
          if (arg.equalsIgnoreCase("/force")) {
            out.add(m.group(2));
          } else {
            out.add(m.group(3));
            return new Outcome(out, 2);
          }
        }
      } else {
        fail("a line the simulated host does not know: " + raw);
      }
    }
    return new Outcome(out, -1);
  }

  private static boolean keyExists(Map<String, Integer> registry, String key) {
    return registry.keySet().stream().anyMatch(k -> k.startsWith(key + "\\"));
  }

  private static Outcome before(Map<String, Integer> registry, String arg) {
    return run(blocks(apply(Set.of())).get(0), registry, arg);
  }

  private static Outcome after(Map<String, Integer> registry) {
    return run(blocks(apply(Set.of())).get(1), registry, "");
  }

  @Test
  void host_nothingConfigured_goesOnSilently() {
    Outcome o = before(Map.of(), "");
    assertThat(o.exit()).isEqualTo(-1);
    assertThat(o.messages()).isEmpty();
    // Values that say "enforcing" are not problems either.
    o = before(Map.of(LOCAL + "DomainProfile\\EnableFirewall", 1,
        LOCAL + "PublicProfile\\DoNotAllowExceptions", 0,
        GPO + "DomainProfile\\AllowLocalPolicyMerge", 1), "");
    assertThat(o.exit()).isEqualTo(-1);
    assertThat(o.messages()).isEmpty();
  }

  @Test
  void host_localFirewallOff_stopsBeforeAnyChange_andNamesTheProfile() {
    Outcome o = before(Map.of(LOCAL + "PublicProfile\\EnableFirewall", 0), "");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.text()).contains("profile Public: the firewall is off")
        .contains("nothing was changed").doesNotContain("profile Domain")
        .doesNotContain("profile Private");
  }

  @Test
  void host_localPrivateProfileKeyIsStandardProfile() {
    Outcome o = before(Map.of(LOCAL + "StandardProfile\\EnableFirewall", 0), "");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.text()).contains("profile Private: the firewall is off")
        .doesNotContain("profile Public").doesNotContain("profile Domain");
  }

  @Test
  void host_gpoEnableFirewallWinsOverLocal() {
    Outcome on = before(Map.of(GPO + "DomainProfile\\EnableFirewall", 1,
        LOCAL + "DomainProfile\\EnableFirewall", 0), "");
    assertThat(on.exit()).isEqualTo(-1);
    Outcome off = before(Map.of(GPO + "DomainProfile\\EnableFirewall", 0,
        LOCAL + "DomainProfile\\EnableFirewall", 1), "");
    assertThat(off.exit()).isEqualTo(2);
    assertThat(off.text()).contains("profile Domain: the firewall is off");
  }

  @Test
  void host_gpoStandardProfile_countsOnlyWithoutPrivateAndPublicKeys() {
    Outcome alone = before(Map.of(GPO + "StandardProfile\\EnableFirewall", 0), "");
    assertThat(alone.text()).contains("profile Private: the firewall is off",
        "profile Public: the firewall is off").doesNotContain("profile Domain");
    Outcome shadowed = before(Map.of(GPO + "StandardProfile\\EnableFirewall", 0,
        GPO + "PublicProfile\\EnableFirewall", 1), "");
    assertThat(shadowed.exit()).isEqualTo(-1);
    assertThat(shadowed.messages()).isEmpty();
  }

  @Test
  void host_shielded_localOrGpo_isRecognized() {
    Outcome local = before(Map.of(LOCAL + "DomainProfile\\DoNotAllowExceptions", 1), "");
    assertThat(local.exit()).isEqualTo(2);
    assertThat(local.text()).contains("profile Domain: shielded");
    // "On" wins: a GPO that says 0 does not hide the local 1.
    Outcome gpo = before(Map.of(GPO + "PrivateProfile\\DoNotAllowExceptions", 1,
        LOCAL + "StandardProfile\\DoNotAllowExceptions", 0), "");
    assertThat(gpo.exit()).isEqualTo(2);
    assertThat(gpo.text()).contains("profile Private: shielded").doesNotContain("profile Public");
  }

  @Test
  void host_gpoWithoutLocalMerge_isRecognized() {
    Outcome o = before(Map.of(GPO + "DomainProfile\\AllowLocalPolicyMerge", 0), "");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.text()).contains("profile Domain: a GPO sets AllowLocalPolicyMerge=0");
  }

  @Test
  void host_force_goesOnAndSaysSo() {
    Map<String, Integer> off = Map.of(LOCAL + "DomainProfile\\EnableFirewall", 0);
    Outcome o = before(off, "/force");
    assertThat(o.exit()).isEqualTo(-1);
    assertThat(o.text()).contains("profile Domain: the firewall is off", "because of /force");
    Outcome upper = before(off, "/FORCE");
    assertThat(upper.exit()).isEqualTo(-1);
    assertThat(before(off, "/other").exit()).isEqualTo(2);
  }

  @Test
  void host_afterApplying_reportsAgain() {
    Outcome o = after(Map.of(GPO + "PublicProfile\\AllowLocalPolicyMerge", 0));
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.text()).contains("after applying: profile Public: a GPO sets",
        "the rules are in place but not enforced");
  }
}
