package dev.rpcwall.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code rpcwall} command: compile and lint Windows firewall policy for the RPC stack. */
@Command(
    name = "rpcwall",
    mixinStandardHelpOptions = true,
    version = "rpcwall 0.1.0",
    description = "Compiler and linter for Windows firewall policy around RPC, DCOM and WMI.")
public final class RpcwallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  public static void main(String... args) {
    System.exit(new CommandLine(new RpcwallCommand()).execute(args));
  }
}
