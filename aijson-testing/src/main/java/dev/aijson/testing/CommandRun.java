package dev.aijson.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What one run of a command that prints to an output and an error writer printed, and the exit
 * code it returned, such as a run of the aijson command line.
 *
 * <pre>{@code
 * CommandRun run = CommandRun.of((out, err) -> AiJsonCli.run(out, err, "show", "pipeline.json"));
 * assertThat(run.code()).isEqualTo(0);
 * }</pre>
 *
 * @param code the exit code the command returned
 * @param out what it printed to its output
 * @param err what it printed to its error output
 */
public record CommandRun(int code, String out, String err) {
  /** A command that prints to {@code out} and {@code err} and returns its exit code. */
  @FunctionalInterface
  public interface Command {
    /** Runs the command and returns its exit code. */
    int run(PrintWriter out, PrintWriter err);
  }

  /** Runs {@code command} with writers of its own and returns what it printed and returned. */
  public static CommandRun of(Command command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    int code = command.run(outWriter, errWriter);
    outWriter.flush();
    errWriter.flush();
    return new CommandRun(code, out.toString(), err.toString());
  }
}
