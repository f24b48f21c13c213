package dev.rpcwall.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code rpcwall} command: compile and lint Windows firewall policy for the RPC stack. */
@Command(
    name = "rpcwall",
    mixinStandardHelpOptions = true,
    version = "rpcwall " + dev.rpcwall.emit.Compilation.TOOL_VERSION,
    description = "Compiler and linter for Windows firewall policy around RPC, DCOM and WMI.",
    subcommands = {
      CheckCommand.class,
      ExplainCommand.class,
      DiffCommand.class,
      FmtCommand.class,
      CompileCommand.class,
      VerifyCommand.class,
      LintCommand.class,
      InitCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the input is valid but checks found problems (explain expectations, diff, fmt --check,"
          + " verify, lint findings at or above --fail-on)",
      "2:invalid input or usage",
      "3:internal error (a bug in rpcwall)"
    })
public final class RpcwallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.INVALID;
  }

  /** A command line wired with rpcwall's exit codes; tests use it to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RpcwallCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("rpcwall: internal error: " + ex);
          if (System.getenv("RPCWALL_DEBUG") != null) {
            ex.printStackTrace(err);
          } else {
            err.println("  (set RPCWALL_DEBUG=1 for details, and please report this)");
          }
          err.flush();
          return ExitCodes.INTERNAL;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          PrintWriter err = c.getErr();
          err.println("rpcwall: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
          err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          err.flush();
          return ExitCodes.INVALID;
        });
    return cl;
  }

  public static void main(String... args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      System.err.println("rpcwall: internal error: " + e);
      code = ExitCodes.INTERNAL;
    }
    System.exit(code);
  }
}
