package dev.rpcwall.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.AddressRegion;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Explanation;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicySources;
import dev.rpcwall.compiler.testing.RandomPolicySources.Model;
import dev.rpcwall.compiler.testing.RandomPolicySources.Text;
import dev.rpcwall.compiler.testing.RandomPolicySources.Yaml;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.testing.TextReference;
import dev.rpcwall.compiler.testing.TextReference.Addr;
import dev.rpcwall.compiler.testing.TextReference.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The whole front end against {@link TextReference}, which reads the ANTLR parse tree by itself:
 * random policy text ({@link RandomPolicySources}), the same policy in YAML, and the {@code fmt}
 * output of both go through {@link Compiler#analyze} (what {@code check}, {@code compile} and
 * {@code explain} use) and must decide as the reference does, with the same deciding rule at the
 * same line and column, for every port 0-65535, both protocols, every profile, at every address
 * where a literal of the policy or a region of a decision map begins or ends, and their neighbours,
 * in both families.
 *
 * <p>Ports are not called one by one at every address: for each port the key is every reference's
 * set of rules naming that port and every map's {@link DecisionMap#sliceOf} slice. The reference's
 * answer is a function of its rule set, and a map's answer of its slice, so one port per key stands
 * for every port with that key.
 */
class CompilerPropertyTest {

  /** One generated policy, its two renderings, and whether the text file starts with a BOM. */
  record Case(Model model, Text text, Yaml yaml, boolean bom) {}

  /** A production decision map and where its source puts each rule (line, column). */
  record Target(String label, DecisionMap map, List<int[]> rulePositions) {}

  @Test
  void textYamlAndFmt_everyPortEveryBoundary_decideAsTheReference() {
    Seeded.check(
        qt -> qt.withExamples(100).forAll(cases()).checkAssert(CompilerPropertyTest::check));
  }

  static Gen<Case> cases() {
    return SourceDSL.longs()
        .all()
        .map(
            seed -> {
              Random random = new Random(seed);
              Model model = RandomPolicySources.model(random);
              return new Case(
                  model,
                  RandomPolicySources.text(model, random),
                  RandomPolicySources.yaml(model, random),
                  random.nextInt(5) == 0);
            })
        .describedAs(
            c ->
                "\n--- policy.rpcwall ---\n"
                    + c.text().text()
                    + "\n--- policy.yaml ---\n"
                    + c.yaml().text());
  }

  static void check(Case c) {
    TextReference ref = TextReference.read(c.text().text());
    Analysis text = analyze("policy.rpcwall", (c.bom() ? "\uFEFF" : "") + c.text().text());
    Analysis yaml = analyze("policy.yaml", c.yaml().text());
    if (ref.someExceptIsEmpty()) {
      assertThat(errorCodes(text))
          .as("text: an except leaves nothing")
          .contains(Codes.NETWORK_EMPTY);
      assertThat(errorCodes(yaml))
          .as("yaml: an except leaves nothing")
          .contains(Codes.NETWORK_EMPTY);
      return;
    }
    assertThat(errorCodes(text)).as("text diagnostics %s", text.diagnostics()).isEmpty();
    assertThat(errorCodes(yaml)).as("yaml diagnostics %s", yaml.diagnostics()).isEmpty();

    String fmtText = format("policy.rpcwall", c.text().text());
    String fmtYaml = format("policy.yaml", c.yaml().text());
    assertThat(format("fmt.rpcwall", fmtText)).as("fmt is idempotent").isEqualTo(fmtText);
    for (String comment : c.text().comments()) {
      assertThat(fmtText).as("fmt keeps comments").contains(comment);
    }
    Analysis fmt = analyze("fmt.rpcwall", fmtText);
    Analysis fmtOfYaml = analyze("fmt-yaml.rpcwall", fmtYaml);
    assertThat(errorCodes(fmt)).as("fmt diagnostics %s\n%s", fmt.diagnostics(), fmtText).isEmpty();
    assertThat(errorCodes(fmtOfYaml))
        .as("fmt of yaml diagnostics %s", fmtOfYaml.diagnostics())
        .isEmpty();
    TextReference refFmt = TextReference.read(fmtText);
    TextReference refFmtYaml = TextReference.read(fmtYaml);

    List<Target> targets =
        List.of(
            new Target("text", text.decisionMap().orElseThrow(), positions(ref)),
            new Target("yaml", yaml.decisionMap().orElseThrow(), c.yaml().rulePositions()),
            new Target("fmt", fmt.decisionMap().orElseThrow(), positions(refFmt)),
            new Target(
                "fmt of yaml", fmtOfYaml.decisionMap().orElseThrow(), positions(refFmtYaml)));
    for (TextReference other : List.of(refFmt, refFmtYaml)) {
      assertThat(other.name()).isEqualTo(ref.name());
      assertThat(other.description()).isEqualTo(ref.description());
      assertThat(other.defaultDecision()).isEqualTo(ref.defaultDecision());
    }
    for (Target t : targets) {
      Policy p = t.map().policy();
      assertThat(p.name()).as("%s: policy name", t.label()).isEqualTo(ref.name());
      assertThat(p.description()).as("%s: description", t.label()).isEqualTo(ref.description());
      assertThat(p.defaultAction().decision())
          .as("%s: default", t.label())
          .isEqualTo(ref.defaultDecision());
      assertThat(p.rules()).as("%s: rules", t.label()).hasSize(ref.rules().size());
    }
    // explain prints the rule as written, on one line: the same tokens, whitespace aside
    List<TextReference> written = List.of(ref, refFmtYaml, refFmt, refFmtYaml);
    for (int t = 0; t < targets.size(); t++) {
      List<Rule> rules = targets.get(t).map().policy().rules();
      for (int i = 0; i < rules.size(); i++) {
        assertThat(rules.get(i).text().replaceAll("\\s+", ""))
            .as("%s: text of rule %d: %s", targets.get(t).label(), i, rules.get(i).text())
            .isEqualTo(written.get(t).rules().get(i).tokens());
      }
    }
    // every literal with host bits set is warned about, once
    for (Analysis a : List.of(text, yaml, fmt, fmtOfYaml)) {
      assertThat(
              a.diagnostics().stream()
                  .filter(d -> d.code().equals(Codes.ADDRESS_HOST_BITS))
                  .count())
          .as("RW1031 warnings")
          .isEqualTo(ref.hostBitLiterals());
    }
    checkDecisions(List.of(ref, refFmt, refFmtYaml), targets);
  }

  private static void checkDecisions(List<TextReference> refs, List<Target> targets) {
    TreeSet<Addr> points = new TreeSet<>();
    for (TextReference ref : refs) {
      points.addAll(ref.boundaries());
    }
    for (Target t : targets) {
      for (Ip ip : Boundaries.ofPolicies(t.map().policy())) {
        points.add(Addr.of(ip));
      }
      addRegionEdges(t.map(), points);
    }
    List<Addr> addrs = new ArrayList<>(points);
    Ip[] ips = addrs.stream().map(Addr::toIp).toArray(Ip[]::new);
    // which rules of each reference hold each point: a network's membership depends on the
    // address alone, so it is computed once per point rather than once per port
    List<boolean[][]> inRule = new ArrayList<>();
    for (TextReference ref : refs) {
      boolean[][] m = new boolean[ref.rules().size()][addrs.size()];
      for (int i = 0; i < m.length; i++) {
        for (int k = 0; k < addrs.size(); k++) {
          m[i][k] = ref.rules().get(i).matches(addrs.get(k));
        }
      }
      inRule.add(m);
    }
    TextReference ref = refs.get(0);
    for (TextReference r : refs) {
      if (r.rules().size() > 7) {
        throw new IllegalStateException("the port key holds masks of at most 7 rules");
      }
    }
    for (Protocol protocol : Protocol.values()) {
      long[][] masks = new long[refs.size()][];
      for (int k = 0; k < refs.size(); k++) {
        masks[k] = ruleMasks(refs.get(k), protocol);
      }
      for (Profile profile : Profile.values()) {
        List<Map<PortSlice, Integer>> ids = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
          ids.add(new IdentityHashMap<>());
        }
        Set<Long> seen = new HashSet<>();
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
          // the key packed in a long: 7 bits of rule mask per reference, 10 bits of slice number
          // per map (the generator makes at most 7 rules; the check below guards the 10 bits)
          long key = 0;
          for (long[] m : masks) {
            key = (key << 7) | m[port];
          }
          for (int t = 0; t < targets.size(); t++) {
            PortSlice slice = targets.get(t).map().sliceOf(profile, protocol, port);
            Map<PortSlice, Integer> id = ids.get(t);
            int n = id.computeIfAbsent(slice, s -> id.size());
            if (n >= 1 << 10) {
              throw new IllegalStateException("too many slices for the key");
            }
            key = (key << 10) | n;
          }
          if (!seen.add(key)) {
            continue;
          }
          for (int k = 0; k < addrs.size(); k++) {
            int point = k;
            Verdict expected = ref.decide(profile, protocol, port, i -> inRule.get(0)[i][point]);
            for (int o = 1; o < refs.size(); o++) {
              boolean[][] m = inRule.get(o);
              Verdict v = refs.get(o).decide(profile, protocol, port, i -> m[i][point]);
              if (!v.equals(expected)) {
                throw new AssertionError(
                    "reference of fmt output #"
                        + o
                        + " differs at "
                        + profile
                        + " "
                        + protocol
                        + " "
                        + port
                        + " "
                        + addrs.get(k)
                        + ": "
                        + v
                        + ", expected "
                        + expected);
              }
            }
            for (Target t : targets) {
              Explanation e = t.map().decide(profile, protocol, port, ips[k]);
              int rule = e.rule().map(Rule::index).orElse(-1);
              if (e.decision() != expected.decision() || rule != expected.rule()) {
                throw new AssertionError(
                    t.label()
                        + " decides "
                        + e.decision()
                        + " by rule "
                        + rule
                        + " at "
                        + profile
                        + " "
                        + protocol
                        + " "
                        + port
                        + " "
                        + ips[k]
                        + "; the reference: "
                        + expected.decision()
                        + " by rule "
                        + expected.rule());
              }
              if (rule >= 0) {
                int[] at = t.rulePositions().get(rule);
                Rule r = e.rule().get();
                if (r.origin().line() != at[0] || r.origin().column() != at[1]) {
                  throw new AssertionError(
                      t.label()
                          + ": rule "
                          + rule
                          + " is at "
                          + r.origin().location()
                          + ", expected line "
                          + at[0]
                          + " column "
                          + at[1]);
                }
              }
            }
          }
        }
      }
    }
  }

  /** Per port, the rules whose services name it (bit i for rule i). */
  private static long[] ruleMasks(TextReference ref, Protocol protocol) {
    long[] out = new long[PortRange.MAX_PORT + 1];
    for (int port = 0; port <= PortRange.MAX_PORT; port++) {
      for (TextReference.RefRule r : ref.rules()) {
        if (r.hasPort(protocol, port)) {
          out[port] |= 1L << r.index();
        }
      }
    }
    return out;
  }

  /** Every region's first and last address of every slice of {@code map}, with neighbours. */
  private static void addRegionEdges(DecisionMap map, Set<Addr> out) {
    Set<PortSlice> done = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        for (PortSlice slice : map.slices(profile, protocol)) {
          if (!slice.managed() || !done.add(slice)) {
            continue;
          }
          for (AddressRegion region : slice.regions()) {
            for (Ip ip : List.of(region.range().first(), region.range().last())) {
              out.add(Addr.of(ip));
              if (!ip.isMin()) {
                out.add(Addr.of(ip.previous()));
              }
              if (!ip.isMax()) {
                out.add(Addr.of(ip.next()));
              }
            }
          }
        }
      }
    }
  }

  private static List<int[]> positions(TextReference ref) {
    return ref.rules().stream().map(r -> new int[] {r.line(), r.column()}).toList();
  }

  static Analysis analyze(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Compiler.analyze(p -> p.equals(name) ? Optional.of(bytes) : Optional.empty(), name);
  }

  static String format(String name, String text) {
    Result<String> out = Compiler.format(new SourceFile(name, text));
    assertThat(out.diagnostics())
        .as("fmt of %s", name)
        .noneMatch(d -> d.severity() == Severity.ERROR);
    return out.value().orElseThrow();
  }

  static List<String> errorCodes(Analysis a) {
    return a.diagnostics().stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .map(Diagnostic::code)
        .toList();
  }
}
