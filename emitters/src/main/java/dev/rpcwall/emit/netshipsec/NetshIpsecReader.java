package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.netsh.BatchParser;
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
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code .cmd} script of {@code netsh ipsec static} commands back into the IPsec store it
 * leaves on a host when it runs to a successful end: its own output, and hand-written scripts
 * (spaces around {@code =}, {@code ^} continuations, mixed case, quotes, tags left out where netsh
 * allows, {@code netsh -c "ipsec static"}). cmd.exe is read by the netsh target's {@link
 * BatchParser}; every path that can end successfully is followed as the netsh reader does
 * ({@code if exist}/{@code if defined} go both ways, every command is assumed to succeed, a path
 * ending with a non-zero exit code is a failure and not read), and all must leave the same store.
 * Everything not understood is a diagnostic with line and column; never throws.
 */
public final class NetshIpsecReader implements Reader<IpsecStore> {
  private static final int MAX_PATHS = 4096;
  /** The pc of a path dropped at a label another path reached in the same state. */
  private static final int DROPPED = -2;

  @Override
  public TargetId target() {
    return TargetId.NETSH_IPSEC;
  }

  @Override
  public Result<IpsecStore> read(SourceFile file) {
    return read(file, IpsecStore.EMPTY);
  }

  /**
   * Reads {@code file} run on a host whose static store already holds {@code host} (its policies,
   * and the lists and actions their rules use): the rollback proof's view, where the rollback must
   * remove this policy's objects and leave every other.
   */
  public Result<IpsecStore> read(SourceFile file, IpsecStore host) {
    Result<IpsecHost> objects = readObjects(file, host);
    Diagnostics diags = new Diagnostics();
    diags.addAll(objects.diagnostics());
    return objects.value().isPresent()
        ? Result.of(objects.value().get().toStore(objects.value().get().rpc), diags)
        : Result.failed(diags);
  }

  /**
   * Every object the script leaves, the filter lists and actions no policy uses included (the
   * rollback proof looks at those too), with the RPC settings in {@link IpsecHost#rpc}.
   */
  Result<IpsecHost> readObjects(SourceFile file, IpsecStore host) {
    Diagnostics diags = new Diagnostics();
    try {
      List<Op> ops = new BatchParser(file, diags).parse();
      if (diags.hasErrors()) {
        return Result.failed(diags);
      }
      Optional<IpsecHost> store = new Run(file, ops, diags, host).run();
      return store.isPresent() && !diags.hasErrors()
          ? Result.of(store.get(), diags)
          : Result.failed(diags);
    } catch (RuntimeException e) {
      // Never an exception for the caller: a bug here is reported where the file starts.
      diags.error(
          Codes.NIPSEC_READ_COMMAND,
          SourceSpan.at(file.name(), 1, 1, 0),
          "internal error while reading the script: " + e);
      return Result.failed(diags);
    }
  }

  /** One path's position and what it has done. */
  private static final class State {
    IpsecHost host;
    CmdHostSettings.HostValues registry;
    int pc;
    int steps;
    int loops;

    /** The same objects, host settings and loop depth: from one place, the same run on. */
    boolean sameAs(State o) {
      return loops == o.loops && host.sameObjects(o.host) && registry.sameAs(o.registry);
    }

    State copy() {
      State s = new State();
      s.host = host.copy();
      s.registry = registry.copy();
      s.pc = pc;
      s.steps = steps;
      s.loops = loops;
      return s;
    }
  }

  private static final class Run {
    private final SourceFile file;
    private final List<Op> ops;
    private final Diagnostics diags;
    private final IpsecStore initial;
    private final int[] elseOf;
    private final int[] endOf;
    private final int[] startOf;
    private final NetshIpsecCommands commands;

    Run(SourceFile file, List<Op> ops, Diagnostics diags, IpsecStore initial) {
      this.file = file;
      this.ops = ops;
      this.diags = diags;
      this.initial = initial;
      this.elseOf = new int[ops.size()];
      this.endOf = new int[ops.size()];
      this.startOf = new int[ops.size()];
      this.commands = new NetshIpsecCommands(diags);
      match();
    }

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
     * The states that reached each label, by op index: a path that reaches a label in a state
     * another path already reached it in is dropped (it would run the same from there), so the
     * independent host checks one after the other add paths instead of multiplying them.
     */
    private final java.util.Map<Integer, List<State>> atLabel = new java.util.HashMap<>();

    Optional<IpsecHost> run() {
      State first = new State();
      first.host = IpsecHost.of(initial);
      first.registry = new CmdHostSettings.HostValues();
      Deque<State> pending = new ArrayDeque<>();
      pending.push(first);
      List<State> finished = new ArrayList<>();
      int paths = 1;
      while (!pending.isEmpty()) {
        State s = pending.pop();
        while (true) {
          Optional<State> fork = step(s);
          if (fork == null) {
            break;
          }
          if (fork.isPresent()) {
            if (++paths > MAX_PATHS) {
              diags.error(Codes.NIPSEC_READ_FLOW, span(s.pc),
                  "the script has more than " + MAX_PATHS + " ways through it; it is not read");
              return Optional.empty();
            }
            pending.push(fork.get());
          }
        }
        if (s.pc >= 0) {
          finished.add(s);
        }
      }
      if (diags.hasErrors()) {
        return Optional.empty();
      }
      if (finished.isEmpty()) {
        diags.error(Codes.NIPSEC_READ_FLOW, SourceSpan.at(file.name(), 1, 1, 0),
            "no way through the script ends successfully, so it leaves nothing known behind");
        return Optional.empty();
      }
      IpsecStore result = null;
      IpsecHost objects = null;
      for (State s : finished) {
        RpcSettings rpc = commands.rpcSettings(s.registry);
        IpsecStore store = s.host.toStore(rpc);
        s.host.rpc = rpc;
        if (result == null) {
          result = store;
          objects = s.host;
        } else if (!result.equals(store) || !objects.sameObjects(s.host)) {
          diags.error(Codes.NIPSEC_READ_FLOW, SourceSpan.at(file.name(), 1, 1, 0),
              "what the script leaves behind depends on the host (if exist, if defined,"
                  + " comparisons): different ways through it leave different IPsec policies or"
                  + " settings");
          return Optional.empty();
        }
      }
      return diags.hasErrors() ? Optional.empty() : Optional.of(objects);
    }

    /** One op: null when the path ended (pc -1 for a failure), else empty or a fork to run too. */
    private Optional<State> step(State s) {
      if (s.pc < 0 || s.pc >= ops.size()) {
        return null;
      }
      if (++s.steps > ops.size() * 8 + 64) {
        diags.error(Codes.NIPSEC_READ_FLOW, span(s.pc), "the script loops; it is not read");
        s.pc = -1;
        return null;
      }
      Op op = ops.get(s.pc);
      if (op instanceof Label) {
        List<State> seen = atLabel.computeIfAbsent(s.pc, k -> new ArrayList<>());
        for (State t : seen) {
          if (t.sameAs(s)) {
            s.pc = DROPPED;
            return null;
          }
        }
        seen.add(s.copy());
      }
      if (op instanceof Exec e) {
        if (s.loops > 0 && !commands.isNoop(e)) {
          diags.error(Codes.NIPSEC_READ_FLOW, e.span(),
              "this command is in a 'for /f' loop, which runs once per line of a file on the"
                  + " host; what it leaves behind depends on that file");
        } else {
          commands.execute(e, s.host, s.registry);
        }
        s.pc++;
      } else if (op instanceof Goto g) {
        int target = findLabel(g.target(), s.pc);
        if (target < 0) {
          diags.error(Codes.NIPSEC_READ_FLOW, g.span(), "there is no label ':" + g.target() + "'");
          s.pc = -1;
          return null;
        }
        s.loops = 0;
        s.pc = target + 1;
      } else if (op instanceof Exit x) {
        // 'exit /b' without a code keeps the last exit code: a success on the paths read here.
        s.pc = x.code() > 0 ? -1 : ops.size();
        return null;
      } else if (op instanceof CondStart c) {
        int elseAt = elseOf[s.pc];
        int end = endOf[s.pc];
        if (end < 0) {
          diags.error(Codes.NIPSEC_READ_FLOW, c.span(), "unbalanced condition");
          s.pc = -1;
          return null;
        }
        int skip = elseAt >= 0 ? elseAt + 1 : end + 1;
        switch (c.cond()) {
          case ON_SUCCESS -> s.pc++;
          case ON_FAILURE -> {
            warnIfChanges(s.pc + 1, elseAt >= 0 ? elseAt : end);
            s.pc = skip;
          }
          case UNKNOWN -> {
            State other = s.copy();
            other.pc = skip;
            s.pc++;
            return Optional.of(other);
          }
          case LOOP -> {
            if (CmdHostSettings.Reading.isQuery(c.set())) {
              // What follows one of the scripts' WMI queries puts WMI back as the host had it,
              // or leaves it so: read as not set (CmdHostSettings.HostValues#wmiAsTheHostHadIt).
              s.registry.wmiAsTheHostHadIt();
            }
            s.loops++;
            s.pc++;
          }
          default -> {
            diags.error(Codes.NIPSEC_READ_FLOW, c.span(), "this condition is not read here");
            s.pc = -1;
            return null;
          }
        }
      } else if (op instanceof CondElse) {
        s.pc = endOf[s.pc] + 1;
      } else if (op instanceof CondEnd) {
        int start = startOf[s.pc];
        if (start >= 0 && ((CondStart) ops.get(start)).cond() == BatchParser.Cond.LOOP) {
          s.loops = Math.max(0, s.loops - 1);
        }
        s.pc++;
      } else {
        s.pc++;
      }
      return Optional.empty();
    }

    private void warnIfChanges(int from, int to) {
      for (int i = from; i < to; i++) {
        if (ops.get(i) instanceof Exec e && !commands.isNoop(e)) {
          diags.warning(Codes.NIPSEC_READ_ON_FAILURE, e.span(),
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
        return SourceSpan.at(file.name(), 1, 1, 0);
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
}
