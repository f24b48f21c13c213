package dev.rpcwall.emit.cmd;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.netsh.BatchParser.Cond;
import dev.rpcwall.emit.netsh.BatchParser.CondElse;
import dev.rpcwall.emit.netsh.BatchParser.CondEnd;
import dev.rpcwall.emit.netsh.BatchParser.CondStart;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Exit;
import dev.rpcwall.emit.netsh.BatchParser.Goto;
import dev.rpcwall.emit.netsh.BatchParser.Label;
import dev.rpcwall.emit.netsh.BatchParser.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every way a cmd.exe script (split into ops by the netsh target's {@code BatchParser}) can run,
 * for the readers of the cmd.exe targets. The engine knows cmd.exe's control flow: a {@code goto}
 * finds its label after itself first, then from the top of the file, and leaves every {@code for
 * /f} body it is in; {@code exit} with a code above 0 is a failed end, without one or with 0 a
 * successful end; an {@code else} part runs when its body does not. What a command does, and
 * which way a condition goes, the reader says ({@link Script}); a condition only the host decides
 * forks the path. A script with more ways than the reader allows, or a way that runs more ops than
 * eight times the script's length (a loop through {@code goto}), is a diagnostic, not a hang.
 *
 * <p>With {@link Config#joinAtLabels}, a path that reaches a label in a state another path already
 * reached it in ({@link PathState#sameAs}) is dropped: from there it would run the same, so
 * independent host checks one after the other add paths instead of multiplying them.
 *
 * @param <S> what a path has done so far, as the reader models it
 */
public final class BatchPaths<S extends BatchPaths.PathState<S>> {

  /** What a path has done so far. */
  public interface PathState<S> {
    /** An independent copy, for a fork. */
    S copy();

    /**
     * Whether {@code other} has done the same so far (where it is and how it got there aside):
     * from the same label, the two paths then run the same and leave the same. Only asked when
     * the reader joins paths at labels.
     */
    default boolean sameAs(S other) {
      return false;
    }
  }

  /** The reader's side: what a command does and which way a condition goes. */
  public interface Script<S> {
    /**
     * Runs {@code e} on the path in state {@code s}, {@code loops} {@code for /f} bodies deep.
     * Returns false when the path ends there as a failure (after the reader's diagnostic).
     */
    boolean execute(Exec e, S s, int loops);

    /**
     * Which way condition {@code c} goes on the path in state {@code s}; {@code body} is the ops of
     * its body (without the else part). The reader may change {@code s} (it is the path's own).
     */
    Way decide(CondStart c, S s, List<Op> body);

    /**
     * After {@link #decide} said {@link Way#EITHER}: {@code body} is the path that runs the body,
     * {@code skipped} its copy (made before this call) that does not; the reader may record on
     * each what it assumed.
     */
    default void forked(CondStart c, S body, S skipped) {}

    /**
     * Whether the path is a dry run ({@code /whatif}): its successful end is not what the script
     * leaves, and a {@code goto} to a label the script lacks ends it quietly (cmd.exe stops the
     * script with an error there, a failed end).
     */
    default boolean dryRun(S s) {
      return false;
    }
  }

  /**
   * The reader's codes and limits; {@link #of} and the options after it.
   *
   * @param flowCode the code of the control-flow diagnostics (a loop, a missing label, too many
   *     ways, no successful way, a condition not read)
   * @param unbalancedCode the code of a condition without its end
   * @param onFailureCode the code of the warning for a command that runs only after a failure
   * @param maxPaths more ways through one script than this is a diagnostic
   * @param noop whether a command leaves everything the reader reads as it is (a command that
   *     does not, in a body that runs only after a failure, is a warning)
   * @param joinAtLabels whether paths join at labels ({@link PathState#sameAs})
   * @param pathLimitAtFileStart whether the too-many-ways diagnostic is at the start of the file
   *     (otherwise at the op where the path that forked once too often stands)
   */
  public record Config(
      String flowCode,
      String unbalancedCode,
      String onFailureCode,
      int maxPaths,
      Predicate<Exec> noop,
      boolean joinAtLabels,
      boolean pathLimitAtFileStart) {

    /** Paths not joined, the too-many-ways diagnostic where the path stands. */
    public static Config of(
        String flowCode,
        String unbalancedCode,
        String onFailureCode,
        int maxPaths,
        Predicate<Exec> noop) {
      return new Config(flowCode, unbalancedCode, onFailureCode, maxPaths, noop, false, false);
    }

    /** The same, with paths joined at labels. */
    public Config joiningAtLabels() {
      return new Config(flowCode, unbalancedCode, onFailureCode, maxPaths, noop, true,
          pathLimitAtFileStart);
    }

    /** The same, with the too-many-ways diagnostic at the start of the file. */
    public Config reportingPathLimitAtFileStart() {
      return new Config(flowCode, unbalancedCode, onFailureCode, maxPaths, noop, joinAtLabels,
          true);
    }
  }

  /** Which way a condition goes on one path. */
  public enum Way {
    /** The body runs. */
    BODY,
    /** The body does not run; the else part, if any, does. */
    SKIP,
    /**
     * The body would run only after a command failed, and commands are read as succeeding: it is
     * skipped, and every command in it that changes something is a warning.
     */
    ASSUMED_SUCCESS,
    /**
     * Only the host knows: the path runs the body, a copy of it skips it ({@link
     * Script#forked}).
     */
    EITHER,
    /**
     * A {@code for /f} body, read once with the loop depth one more ({@link Script#execute} is
     * told it): the reader judges each command in it.
     */
    LOOP_ONCE,
    /** Past the end of the block (a {@code for /f} body the reader found changes nothing). */
    PAST_LOOP,
    /** The reader does not read this condition: a diagnostic, and the path fails. */
    NOT_READ,
    /** The path ends here as a failure; the reader has said why. */
    FAIL;

    /**
     * The reading every cmd.exe reader shares when every command succeeds: {@code if errorlevel}
     * bodies do not run, their {@code if not errorlevel} counterparts do, and what only the host
     * knows goes either way. Any other condition is {@link #NOT_READ}.
     */
    public static Way assumingSuccess(Cond cond) {
      return switch (cond) {
        case ON_SUCCESS -> BODY;
        case ON_FAILURE -> ASSUMED_SUCCESS;
        case UNKNOWN -> EITHER;
        default -> NOT_READ;
      };
    }
  }

  /** Where one path is, how far it has come, and what it has done. */
  private static final class Path<S extends PathState<S>> {
    final S state;
    int pc;
    int steps;
    /** How many {@code for /f} bodies the path is in. */
    int loops;

    Path(S state) {
      this.state = state;
    }

    Path<S> copy() {
      Path<S> p = new Path<>(state.copy());
      p.pc = pc;
      p.steps = steps;
      p.loops = loops;
      return p;
    }
  }

  /** The pc of a path that ended as a failure. */
  private static final int FAILED = -1;
  /** The pc of a path dropped at a label another path reached in the same state. */
  private static final int DROPPED = -2;

  private final SourceFile file;
  private final List<Op> ops;
  private final Diagnostics diags;
  private final Config config;
  private final Script<S> script;
  private final int[] elseOf;
  private final int[] endOf;
  private final int[] startOf;
  /** The paths that reached each label, by op index (with {@link Config#joinAtLabels}). */
  private final Map<Integer, List<Path<S>>> atLabel = new HashMap<>();

  public BatchPaths(
      SourceFile file, List<Op> ops, Diagnostics diags, Config config, Script<S> script) {
    this.file = file;
    this.ops = ops;
    this.diags = diags;
    this.config = config;
    this.script = script;
    this.elseOf = new int[ops.size()];
    this.endOf = new int[ops.size()];
    this.startOf = new int[ops.size()];
    match();
  }

  /** Matches each condition with its else and its end. */
  private void match() {
    Deque<Integer> stack = new ArrayDeque<>();
    for (int i = 0; i < ops.size(); i++) {
      elseOf[i] = -1;
      endOf[i] = -1;
      startOf[i] = -1;
      Op op = ops.get(i);
      if (op instanceof CondStart) {
        stack.push(i);
      } else if (op instanceof CondElse && !stack.isEmpty()) {
        elseOf[stack.peek()] = i;
      } else if (op instanceof CondEnd && !stack.isEmpty()) {
        int start = stack.pop();
        endOf[start] = i;
        startOf[i] = start;
        if (elseOf[start] >= 0) {
          endOf[elseOf[start]] = i;
        }
      }
    }
  }

  /**
   * Follows every way through the script from {@code initial}. Returns the states of the ways
   * that end successfully (dry runs aside), in the order they ended; empty after a diagnostic
   * (too many ways, any error while running, no successful way).
   */
  public Optional<List<S>> run(S initial) {
    Deque<Path<S>> pending = new ArrayDeque<>();
    pending.push(new Path<>(initial));
    List<S> finished = new ArrayList<>();
    int paths = 1;
    while (!pending.isEmpty()) {
      Path<S> p = pending.pop();
      Optional<Path<S>> fork = step(p);
      while (fork != null) {
        if (fork.isPresent()) {
          if (++paths > config.maxPaths()) {
            diags.error(
                config.flowCode(),
                config.pathLimitAtFileStart() ? fileStart() : span(p.pc),
                "the script has more than " + config.maxPaths() + " ways through it; it is not read");
            return Optional.empty();
          }
          pending.push(fork.get());
        }
        fork = step(p);
      }
      if (p.pc >= 0 && !script.dryRun(p.state)) {
        // A dry run that ends leaves the host as it was: it is not what the script applies.
        finished.add(p.state);
      }
    }
    if (diags.hasErrors()) {
      return Optional.empty();
    }
    if (finished.isEmpty()) {
      diags.error(
          config.flowCode(),
          fileStart(),
          "no way through the script ends successfully, so it leaves nothing known behind");
      return Optional.empty();
    }
    return Optional.of(finished);
  }

  /** Where the file starts: the place of what concerns the whole script. */
  public SourceSpan fileStart() {
    return SourceSpan.at(file.name(), 1, 1, 0);
  }

  /**
   * Runs one op of a path. Returns null when the path has ended (pc {@link #FAILED} for a failed
   * end, {@link #DROPPED} when joined), an empty Optional to go on, or a forked path to run too.
   */
  private Optional<Path<S>> step(Path<S> p) {
    if (p.pc < 0 || p.pc >= ops.size()) {
      return null;
    }
    if (++p.steps > ops.size() * 8 + 64) {
      diags.error(config.flowCode(), span(p.pc), "the script loops; it is not read");
      return fail(p);
    }
    Op op = ops.get(p.pc);
    if (op instanceof Exec e) {
      if (!script.execute(e, p.state, p.loops)) {
        return fail(p);
      }
      p.pc++;
    } else if (op instanceof Label) {
      if (config.joinAtLabels() && joined(p)) {
        p.pc = DROPPED;
        return null;
      }
      p.pc++;
    } else if (op instanceof Goto g) {
      int target = findLabel(g.target(), p.pc);
      if (target < 0 && script.dryRun(p.state)) {
        // cmd.exe stops a batch file at a goto to a label it does not have, with an error: a
        // failed end of the dry run, which is never part of what the script applies.
        return fail(p);
      }
      if (target < 0) {
        diags.error(config.flowCode(), g.span(), "there is no label ':" + g.target() + "'");
        return fail(p);
      }
      // A goto leaves every loop body it is in (cmd.exe ends the loop).
      p.loops = 0;
      p.pc = target + 1;
    } else if (op instanceof Exit x) {
      // 'exit /b' without a code keeps the last exit code, a success on the paths read here.
      p.pc = x.code() > 0 ? FAILED : ops.size();
      return null;
    } else if (op instanceof CondStart c) {
      return condition(p, c);
    } else if (op instanceof CondElse) {
      p.pc = endOf[p.pc] + 1;
    } else {
      int start = startOf[p.pc];
      if (start >= 0 && ((CondStart) ops.get(start)).cond() == Cond.LOOP) {
        p.loops = Math.max(0, p.loops - 1);
      }
      p.pc++;
    }
    return Optional.empty();
  }

  private Optional<Path<S>> condition(Path<S> p, CondStart c) {
    int elseAt = elseOf[p.pc];
    int end = endOf[p.pc];
    if (end < 0) {
      diags.error(config.unbalancedCode(), c.span(), "unbalanced condition");
      return fail(p);
    }
    int bodyEnd = elseAt >= 0 ? elseAt : end;
    int skip = bodyEnd + 1;
    List<Op> body = ops.subList(p.pc + 1, bodyEnd);
    Way way = script.decide(c, p.state, body);
    switch (way) {
      case BODY -> p.pc++;
      case SKIP -> p.pc = skip;
      case ASSUMED_SUCCESS -> {
        warnIfChanges(body);
        p.pc = skip;
      }
      case EITHER -> {
        Path<S> other = p.copy();
        other.pc = skip;
        script.forked(c, p.state, other.state);
        p.pc++;
        return Optional.of(other);
      }
      case LOOP_ONCE -> {
        p.loops++;
        p.pc++;
      }
      case PAST_LOOP -> p.pc = end + 1;
      case NOT_READ -> {
        diags.error(config.flowCode(), c.span(), "this condition is not read here");
        return fail(p);
      }
      case FAIL -> {
        return fail(p);
      }
    }
    return Optional.empty();
  }

  private Optional<Path<S>> fail(Path<S> p) {
    p.pc = FAILED;
    return null;
  }

  /** Whether another path reached this label in the same state; if not, this one is recorded. */
  private boolean joined(Path<S> p) {
    List<Path<S>> seen = atLabel.computeIfAbsent(p.pc, k -> new ArrayList<>());
    for (Path<S> t : seen) {
      if (t.loops == p.loops && t.state.sameAs(p.state)) {
        return true;
      }
    }
    seen.add(p.copy());
    return false;
  }

  private void warnIfChanges(List<Op> body) {
    for (Op op : body) {
      if (op instanceof Exec e && !config.noop().test(e)) {
        diags.warning(
            config.onFailureCode(),
            e.span(),
            "this command runs only when an earlier one failed; the script is read as if every"
                + " command succeeds, so it is not read");
      }
    }
  }

  /** cmd.exe looks for a label after the goto first, then from the top of the file. */
  private int findLabel(String name, int from) {
    for (int i = from + 1; i < ops.size(); i++) {
      if (ops.get(i) instanceof Label l && l.name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i <= from && i < ops.size(); i++) {
      if (ops.get(i) instanceof Label l && l.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private SourceSpan span(int pc) {
    if (pc < 0 || pc >= ops.size()) {
      return fileStart();
    }
    Op op = ops.get(pc);
    if (op instanceof Exec e) {
      return e.span();
    } else if (op instanceof Label l) {
      return l.span();
    } else if (op instanceof Goto g) {
      return g.span();
    } else if (op instanceof Exit x) {
      return x.span();
    } else if (op instanceof CondStart c) {
      return c.span();
    } else if (op instanceof CondElse c) {
      return c.span();
    }
    return ((CondEnd) op).span();
  }
}
