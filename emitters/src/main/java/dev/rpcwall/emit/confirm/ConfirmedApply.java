package dev.rpcwall.emit.confirm;

import dev.rpcwall.compiler.target.ScriptInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Confirmed apply ({@code compile --confirm-within MINUTES}, issue 9 point 5; docs/deploy/
 * confirmed-apply.md): before its first change the apply script registers a scheduled task, run
 * as SYSTEM, that runs a copy of the rollback script MINUTES later; the confirm script deletes
 * it, and so does the rollback. What the two dialects share: the task's name, where the copy the
 * task runs lives, the accepted range of minutes, and the proof over what the readers found.
 */
public final class ConfirmedApply {
  private ConfirmedApply() {}

  /** The accepted range of {@code --confirm-within} (a day at most). */
  public static final int MIN_MINUTES = 1;

  public static final int MAX_MINUTES = 1440;

  /** The Task Scheduler folder of every rpcwall task. */
  public static final String TASK_FOLDER = "rpcwall";

  /**
   * The task's name in {@link #TASK_FOLDER}: one per policy (the slug is the policy's identity on
   * a host and injective), so re-applying replaces a pending task and two policies on one host
   * never share one.
   */
  public static String taskName(String slug) {
    return slug + "-revert";
  }

  /** The task's full path as schtasks takes it: {@code rpcwall\<slug>-revert}. */
  public static String taskPath(String slug) {
    return TASK_FOLDER + "\\" + taskName(slug);
  }

  /**
   * The folder, below {@code %ProgramFiles%}, holding the copy of the rollback script the task
   * runs. Below Program Files only Administrators, SYSTEM and TrustedInstaller can create or
   * change anything by default, so no other user can have planted the folder or a link in its
   * place; the scripts set its ACL to SYSTEM and Administrators alone all the same (a folder of
   * %ProgramData% would not do: any user may create folders there and keep them as owner).
   */
  public static String folderBelowProgramFiles(String slug) {
    return TASK_FOLDER + "\\" + slug;
  }

  /**
   * The copy of {@code rollbackFile} the task runs, written as the netsh script writes it
   * ({@code %ProgramFiles%\rpcwall\<slug>\<file>}); both readers report the command in this form.
   */
  public static String protectedCopy(String slug, String rollbackFile) {
    return "%ProgramFiles%\\" + folderBelowProgramFiles(slug) + "\\" + rollbackFile;
  }

  /** Whether {@code minutes} is a valid {@code --confirm-within}. */
  public static boolean validMinutes(int minutes) {
    return minutes >= MIN_MINUTES && minutes <= MAX_MINUTES;
  }

  /** A task a script registers: its path, minutes until it first runs, account, and command. */
  public record RevertTask(String path, int minutes, String runAs, String runs) {}

  /**
   * What a script does to scheduled tasks on its successful way: the tasks it registers and the
   * paths it deletes, in script order. The readers report a registration after the script's
   * first change to the host as an error of their own.
   */
  public record TaskEffects(List<RevertTask> created, List<String> deleted) {
    public TaskEffects {
      created = List.copyOf(created);
      deleted = List.copyOf(deleted);
    }

    public static TaskEffects none() {
      return new TaskEffects(List.of(), List.of());
    }

    boolean deletes(String path) {
      return deleted.stream().anyMatch(d -> d.equalsIgnoreCase(path));
    }
  }

  /**
   * Every way the scripts' task handling fails the proof (issue 9 point 8): with confirmed apply
   * the apply script registers exactly the policy's task, as SYSTEM, after {@code minutes}, running
   * {@code copy} (the protected copy), and deletes none; the rollback and the confirm script each
   * delete it and register none. Without it, no script touches a task. The readers already
   * refused a registration after the first change.
   */
  public static List<String> problems(
      ScriptInput input,
      String copy,
      TaskEffects apply,
      TaskEffects rollback,
      Optional<TaskEffects> confirm) {
    List<String> problems = new ArrayList<>();
    String path = taskPath(input.slug());
    if (!input.confirmed()) {
      if (!apply.created().isEmpty() || !rollback.created().isEmpty()) {
        problems.add("a script registers a scheduled task without --confirm-within");
      }
      if (confirm.isPresent()) {
        problems.add("a confirm script was emitted without --confirm-within");
      }
      return problems;
    }
    if (apply.created().size() != 1) {
      problems.add("the apply script registers " + apply.created().size()
          + " rollback tasks; expected exactly one, " + path);
    } else {
      RevertTask t = apply.created().get(0);
      if (!t.path().equalsIgnoreCase(path)) {
        problems.add("the apply script registers task " + t.path() + ", not " + path);
      }
      if (t.minutes() != input.confirmMinutes()) {
        problems.add("the rollback task runs after " + t.minutes() + " minutes, not "
            + input.confirmMinutes());
      }
      if (!t.runAs().toUpperCase(Locale.ROOT).equals("SYSTEM")) {
        problems.add("the rollback task runs as " + t.runAs() + ", not SYSTEM");
      }
      if (!t.runs().equals(copy)) {
        problems.add("the rollback task runs " + t.runs() + ", not the protected copy " + copy);
      }
    }
    if (apply.deletes(path)) {
      problems.add("the apply script deletes the rollback task it registers");
    }
    if (!rollback.created().isEmpty()) {
      problems.add("the rollback script registers a task");
    }
    if (!rollback.deletes(path)) {
      problems.add("the rollback script does not delete the task " + path);
    }
    if (confirm.isEmpty()) {
      problems.add("no confirm script was emitted");
    } else {
      if (!confirm.get().created().isEmpty()) {
        problems.add("the confirm script registers a task");
      }
      if (!confirm.get().deletes(path)) {
        problems.add("the confirm script does not delete the task " + path);
      }
    }
    return problems;
  }
}
