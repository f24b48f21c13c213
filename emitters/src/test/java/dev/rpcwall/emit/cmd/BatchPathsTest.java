package dev.rpcwall.emit.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.cmd.BatchPaths.Way;
import dev.rpcwall.emit.netsh.BatchParser.Cond;
import dev.rpcwall.emit.netsh.BatchParser.CondElse;
import dev.rpcwall.emit.netsh.BatchParser.CondEnd;
import dev.rpcwall.emit.netsh.BatchParser.CondStart;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Exit;
import dev.rpcwall.emit.netsh.BatchParser.Goto;
import dev.rpcwall.emit.netsh.BatchParser.Label;
import dev.rpcwall.emit.netsh.BatchParser.Op;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The cmd.exe path engine on its own, with a toy reader: {@code add X} records X, {@code fail}
 * ends its path as a failure, {@code echo} changes nothing, {@code change} changes something the
 * reader does not model. Each op stands on its own line (op k on line k + 1), so a diagnostic's
 * line says which op it is about.
 */
class BatchPathsTest {
  private static final String FLOW = "RW9001";
  private static final String UNBALANCED = "RW9002";
  private static final String ON_FAILURE = "RW9003";
  private static final String FILE = "t.cmd";

  /** What a toy path has done: the commands it ran, in order, and what it added. */
  static final class Trace implements BatchPaths.PathState<Trace> {
    final List<String> ran = new ArrayList<>();
    final TreeSet<String> added = new TreeSet<>();
    boolean dry;

    @Override
    public Trace copy() {
      Trace t = new Trace();
      t.ran.addAll(ran);
      t.added.addAll(added);
      t.dry = dry;
      return t;
    }

    /** Paths that added the same things run the same from a label on. */
    @Override
    public boolean sameAs(Trace other) {
      return added.equals(other.added) && dry == other.dry;
    }
  }

  /** The toy reader; how it reads a for /f body and a /whatif test is up to each test. */
  static final class Toy implements BatchPaths.Script<Trace> {
    Way loop = Way.LOOP_ONCE;
    /** Whether forked() records on each way of a fork which way it took. */
    boolean mark;
    final List<String> decided = new ArrayList<>();

    @Override
    public boolean execute(Exec e, Trace s, int loops) {
      String name = e.name().text();
      if (name.equals("fail")) {
        return false;
      }
      String arg = e.args().isEmpty() ? "" : e.args().get(0).text();
      s.ran.add(name + (arg.isEmpty() ? "" : " " + arg) + (loops > 0 ? " @" + loops : ""));
      if (name.equals("add")) {
        s.added.add(arg);
      }
      return true;
    }

    static boolean isNoop(Exec e) {
      return e.name().text().equals("echo");
    }

    @Override
    public Way decide(CondStart c, Trace s, List<Op> body) {
      decided.add(c.cond() + " body " + body.size());
      return switch (c.cond()) {
        case LOOP -> loop;
        case WHATIF -> Way.EITHER;
        default -> Way.assumingSuccess(c.cond());
      };
    }

    /** The way that runs a /whatif body is a dry run; each way of another fork is told so. */
    @Override
    public void forked(CondStart c, Trace body, Trace skipped) {
      if (c.cond() == Cond.WHATIF) {
        body.dry = true;
      } else if (mark) {
        body.ran.add("(ran " + c.span().line() + ")");
        skipped.ran.add("(skipped " + c.span().line() + ")");
      }
    }

    @Override
    public boolean dryRun(Trace s) {
      return s.dry;
    }
  }

  // A script, op by op
  // ==================

  private final List<Op> ops = new ArrayList<>();

  private SourceSpan here() {
    return SourceSpan.at(FILE, ops.size() + 1, 1, 1);
  }

  private BatchPathsTest cmd(String name, String... args) {
    SourceSpan at = here();
    List<Tok> toks = new ArrayList<>();
    for (String a : args) {
      toks.add(new Tok(a, at, false, a));
    }
    ops.add(new Exec(new Tok(name, at, false, name), toks, at));
    return this;
  }

  private BatchPathsTest add(String what) {
    return cmd("add", what);
  }

  private BatchPathsTest label(String name) {
    ops.add(new Label(name, here()));
    return this;
  }

  private BatchPathsTest go(String name) {
    ops.add(new Goto(name, here()));
    return this;
  }

  private BatchPathsTest exit(int code) {
    ops.add(new Exit(code, here()));
    return this;
  }

  private BatchPathsTest when(Cond cond) {
    ops.add(new CondStart(cond, here()));
    return this;
  }

  private BatchPathsTest orElse() {
    ops.add(new CondElse(here()));
    return this;
  }

  private BatchPathsTest end() {
    ops.add(new CondEnd(here()));
    return this;
  }

  // Running it
  // ==========

  private final Diagnostics diags = new Diagnostics();
  private final Toy toy = new Toy();

  private Optional<List<Trace>> run(int maxPaths, boolean join, boolean limitAtStart) {
    BatchPaths.Config config = BatchPaths.Config.of(FLOW, UNBALANCED, ON_FAILURE, maxPaths, Toy::isNoop);
    if (join) {
      config = config.joiningAtLabels();
    }
    if (limitAtStart) {
      config = config.reportingPathLimitAtFileStart();
    }
    return new BatchPaths<Trace>(new SourceFile(FILE, "rem\r\n"), ops, diags, config, toy)
        .run(new Trace());
  }

  private Optional<List<Trace>> run() {
    return run(64, false, false);
  }

  /** The commands each successful way ran, in the order the ways ended. */
  private static List<List<String>> ways(Optional<List<Trace>> result) {
    assertThat(result).isPresent();
    return result.get().stream().map(t -> t.ran).toList();
  }

  private List<String> errors() {
    return diags.sorted().stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .map(d -> d.code() + " " + d.span().line() + " " + d.message())
        .toList();
  }

  // goto and labels
  // ===============

  @Test
  void gotoForwardSkipsWhatStandsBetween() {
    add("a").go("end").add("skipped").label("end").add("c");
    assertThat(ways(run())).containsExactly(List.of("add a", "add c"));
    assertThat(diags.isEmpty()).isTrue();
  }

  @Test
  void gotoFindsTheLabelAfterItselfBeforeOneAboveIt() {
    // The first 'goto l' (op 6) has a label 'l' above (op 1) and below (op 7): the one below.
    go("m").label("l").add("top").exit(0).label("m").add("m").go("l").label("l").add("bottom")
        .exit(0);
    assertThat(ways(run())).containsExactly(List.of("add m", "add bottom"));
  }

  @Test
  void gotoBackwardFindsTheLabelFromTheTop() {
    go("m").label("l").add("top").exit(0).label("m").add("m").go("l").add("after");
    assertThat(ways(run())).containsExactly(List.of("add m", "add top"));
  }

  @Test
  void gotoWithoutItsLabelIsAnErrorAtTheGoto() {
    add("a").go("nowhere").add("b");
    assertThat(run()).isEmpty();
    assertThat(errors()).containsExactly(FLOW + " 2 there is no label ':nowhere'");
  }

  @Test
  void aDryRunsGotoWithoutItsLabelEndsItQuietly() {
    when(Cond.WHATIF).go("nowhere").end().add("a");
    assertThat(ways(run())).containsExactly(List.of("add a"));
    assertThat(diags.isEmpty()).as("%s", diags.sorted()).isTrue();
  }

  @Test
  void aDryRunThatEndsWellIsNotWhatTheScriptLeaves() {
    when(Cond.WHATIF).add("dry").exit(0).end().add("real");
    assertThat(ways(run())).containsExactly(List.of("add real"));
  }

  // exit codes
  // ==========

  @Test
  void exitWithACodeAboveZeroIsAFailedEnd() {
    when(Cond.UNKNOWN).add("a").exit(1).end().add("b").exit(0).add("never");
    assertThat(ways(run())).containsExactly(List.of("add b"));
  }

  @Test
  void exitWithoutACodeIsASuccessfulEnd() {
    add("a").exit(-1).add("never");
    assertThat(ways(run())).containsExactly(List.of("add a"));
  }

  @Test
  void noSuccessfulWayIsAnErrorAtTheFileStart() {
    when(Cond.UNKNOWN).exit(2).orElse().cmd("fail").end().add("never");
    assertThat(run()).isEmpty();
    assertThat(errors())
        .containsExactly(FLOW + " 1 no way through the script ends successfully, so it leaves"
            + " nothing known behind");
  }

  @Test
  void aCommandTheReaderEndsFailsItsPathOnly() {
    when(Cond.UNKNOWN).cmd("fail").end().add("b");
    assertThat(ways(run())).containsExactly(List.of("add b"));
  }

  // conditions
  // ==========

  @Test
  void anUnknownConditionForksTheBodyFirstThenTheElse() {
    when(Cond.UNKNOWN).add("a").orElse().add("b").end().add("c");
    assertThat(ways(run()))
        .containsExactly(List.of("add a", "add c"), List.of("add b", "add c"));
    assertThat(toy.decided).containsExactly("UNKNOWN body 1");
  }

  @Test
  void eachWayOfAForkIsToldWhichItIsBeforeItGoesOn() {
    toy.mark = true;
    add("a").when(Cond.UNKNOWN).add("b").end().when(Cond.ON_SUCCESS).add("c").end();
    assertThat(ways(run()))
        .containsExactly(
            List.of("add a", "(ran 2)", "add b", "add c"), List.of("add a", "(skipped 2)", "add c"));
  }

  @Test
  void nestedConditionsMatchTheirOwnElseAndEnd() {
    when(Cond.UNKNOWN)
        .when(Cond.UNKNOWN).add("a").orElse().add("b").end()
        .orElse().add("c").end()
        .add("d");
    assertThat(ways(run()))
        .containsExactly(
            List.of("add a", "add d"), List.of("add b", "add d"), List.of("add c", "add d"));
  }

  @Test
  void aBodyOnSuccessRunsAndOneOnFailureIsWarnedAboutAndSkipped() {
    cmd("change").when(Cond.ON_SUCCESS).add("ok").end()
        .when(Cond.ON_FAILURE).cmd("echo", "failed").add("undo").orElse().add("else").end();
    assertThat(ways(run())).containsExactly(List.of("change", "add ok", "add else"));
    // The warning is about the command that changes something (line 7), not the echo (line 6).
    assertThat(diags.sorted())
        .extracting(d -> d.severity() + " " + d.code() + " " + d.span().line())
        .containsExactly("WARNING " + ON_FAILURE + " 7");
  }

  @Test
  void aConditionWithoutItsEndIsTheReadersUnbalancedCode() {
    add("a").when(Cond.UNKNOWN).add("b");
    assertThat(run()).isEmpty();
    assertThat(errors()).contains(UNBALANCED + " 2 unbalanced condition");
  }

  @Test
  void aConditionTheReaderDoesNotReadEndsThePath() {
    toy.loop = Way.NOT_READ;
    add("a").when(Cond.LOOP).add("b").end();
    assertThat(run()).isEmpty();
    assertThat(errors()).containsExactly(FLOW + " 2 this condition is not read here");
  }

  @Test
  void aLoopBodyIsReadOnceOneLoopDeepAndAGotoLeavesIt() {
    when(Cond.LOOP).add("x").end().add("y")
        .when(Cond.LOOP).when(Cond.LOOP).add("z").go("out").end().end().label("out").add("w");
    assertThat(ways(run()))
        .containsExactly(List.of("add x @1", "add y", "add z @2", "add w"));
  }

  @Test
  void aLoopTheReaderPassesOverIsNotRun() {
    toy.loop = Way.PAST_LOOP;
    when(Cond.LOOP).add("x").end().add("y");
    assertThat(ways(run())).containsExactly(List.of("add y"));
  }

  // joins, and the limits
  // =====================

  @Test
  void pathsJoinAtALabelTheyReachInTheSameState() {
    when(Cond.UNKNOWN).cmd("echo", "1").end().label("j")
        .when(Cond.UNKNOWN).cmd("echo", "2").end().label("k").add("a");
    // Joined, the way that skipped the first body is dropped at 'j', and so on: one way.
    assertThat(ways(run(64, true, false))).containsExactly(List.of("echo 1", "echo 2", "add a"));
  }

  @Test
  void withoutJoinsEveryWayIsFollowed() {
    when(Cond.UNKNOWN).cmd("echo", "1").end().label("j")
        .when(Cond.UNKNOWN).cmd("echo", "2").end().label("k").add("a");
    assertThat(ways(run(64, false, false))).hasSize(4);
  }

  @Test
  void pathsInDifferentStatesDoNotJoin() {
    when(Cond.UNKNOWN).add("a").end().label("j").add("b");
    assertThat(ways(run(64, true, false)))
        .containsExactly(List.of("add a", "add b"), List.of("add b"));
  }

  @Test
  void moreWaysThanTheLimitIsAnErrorWhereThePathStands() {
    for (int i = 0; i < 3; i++) {
      when(Cond.UNKNOWN).cmd("echo", "x").end();
    }
    add("a");
    // 2 * 2 * 2 = 8 ways; the fifth fork is one too many with a limit of 4.
    assertThat(run(4, false, false)).isEmpty();
    // It stands at 'echo x' (line 8), the body of the third condition on the second way.
    assertThat(errors())
        .containsExactly(FLOW + " 8 the script has more than 4 ways through it; it is not read");
  }

  @Test
  void exactlyTheLimitIsRead() {
    for (int i = 0; i < 3; i++) {
      when(Cond.UNKNOWN).cmd("echo", "x").end();
    }
    assertThat(ways(run(8, false, false))).hasSize(8);
  }

  @Test
  void theWayLimitCanBeReportedAtTheFileStart() {
    for (int i = 0; i < 3; i++) {
      when(Cond.UNKNOWN).cmd("echo", "x").end();
    }
    assertThat(run(4, false, true)).isEmpty();
    assertThat(errors())
        .containsExactly(FLOW + " 1 the script has more than 4 ways through it; it is not read");
  }

  @Test
  void aGotoLoopIsAnErrorAtTheOpOverTheStepLimitNotAHang() {
    // 3 ops allow 3 * 8 + 64 = 88 steps. Step 1 is the label; from step 2 on 'add a' (line 2)
    // and 'goto top' (line 3) take turns, so step 89, the first over the limit, is the goto.
    label("top").add("a").go("top");
    assertThat(run()).isEmpty();
    assertThat(errors()).containsExactly(FLOW + " 3 the script loops; it is not read");
  }

  @Test
  void aGotoJumpsPastItsLabelSoOnlyAWayFallingThroughItJoinsThere() {
    // Joins are at labels a way runs through; a goto goes on after its label. Here every way
    // that took the goto runs 'add a' (line 2) again instead of being dropped at 'top', until
    // step 6 * 8 + 64 + 1 = 113, which is 'add a' again (steps 2, 5, 8, ... are).
    label("top").add("a").when(Cond.UNKNOWN).go("top").end().add("b");
    assertThat(run(1000, true, false)).isEmpty();
    assertThat(errors()).containsExactly(FLOW + " 2 the script loops; it is not read");
  }
}
