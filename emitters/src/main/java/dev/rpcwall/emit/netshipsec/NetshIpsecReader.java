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
import dev.rpcwall.emit.cmd.BatchPaths;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.netsh.BatchParser;
import dev.rpcwall.emit.netsh.BatchParser.CondStart;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Op;
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
      State first = new State();
      first.host = IpsecHost.of(host);
      first.registry = new CmdHostSettings.HostValues();
      Run run = new Run(diags);
      BatchPaths<State> paths = new BatchPaths<>(file, ops, diags, FLOW, run);
      Optional<IpsecHost> store =
          paths.run(first).flatMap(finished -> run.agreed(finished, paths.fileStart()));
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

  /** What one path has done. */
  private static final class State implements BatchPaths.PathState<State> {
    IpsecHost host;
    CmdHostSettings.HostValues registry;

    /** The same objects and host settings: from one label, the same run on. */
    @Override
    public boolean sameAs(State o) {
      return host.sameObjects(o.host) && registry.sameAs(o.registry);
    }

    @Override
    public State copy() {
      State s = new State();
      s.host = host.copy();
      s.registry = registry.copy();
      return s;
    }
  }

  /**
   * The control flow read by {@link BatchPaths}; a path that reaches a label in a state another
   * path already reached it in is dropped (it would run the same from there), so the independent
   * host checks one after the other add paths instead of multiplying them.
   */
  private static final BatchPaths.Config FLOW =
      BatchPaths.Config.of(Codes.NIPSEC_READ_FLOW, Codes.NIPSEC_READ_FLOW,
          Codes.NIPSEC_READ_ON_FAILURE, MAX_PATHS, NetshIpsecCommands::isNoop).joiningAtLabels();

  /** One reading of one script: what its commands and conditions mean to netsh ipsec. */
  private static final class Run implements BatchPaths.Script<State> {
    private final Diagnostics diags;
    private final NetshIpsecCommands commands;

    Run(Diagnostics diags) {
      this.diags = diags;
      this.commands = new NetshIpsecCommands(diags);
    }

    /** What every successful way leaves, when they all leave the same; {@code start} the file's. */
    Optional<IpsecHost> agreed(List<State> finished, SourceSpan start) {
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
          diags.error(Codes.NIPSEC_READ_FLOW, start,
              "what the script leaves behind depends on the host (if exist, if defined,"
                  + " comparisons): different ways through it leave different IPsec policies or"
                  + " settings");
          return Optional.empty();
        }
      }
      return diags.hasErrors() ? Optional.empty() : Optional.of(objects);
    }

    @Override
    public boolean execute(Exec e, State s, int loops) {
      if (loops > 0 && !NetshIpsecCommands.isNoop(e)) {
        diags.error(Codes.NIPSEC_READ_FLOW, e.span(),
            "this command is in a 'for /f' loop, which runs once per line of a file on the"
                + " host; what it leaves behind depends on that file");
      } else {
        commands.execute(e, s.host, s.registry);
      }
      return true;
    }

    @Override
    public BatchPaths.Way decide(CondStart c, State s, List<Op> body) {
      if (c.cond() == BatchParser.Cond.LOOP) {
        if (CmdHostSettings.Reading.isQuery(c.set())) {
          // What follows one of the scripts' WMI queries puts WMI back as the host had it,
          // or leaves it so: read as not set (CmdHostSettings.HostValues#wmiAsTheHostHadIt).
          s.registry.wmiAsTheHostHadIt();
        }
        return BatchPaths.Way.LOOP_ONCE;
      }
      return BatchPaths.Way.assumingSuccess(c.cond());
    }
  }
}
