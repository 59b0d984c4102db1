package dev.aijson.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one run of a command that prints to an output and an error writer printed, and the exit
 * code it returned, such as a run of the aijson command line.
 *
 * <pre>{@code
 * CommandRun run = CommandRun.of((out, err) -> AiJsonCli.run(out, err, "show", "pipeline.json"));
 * assertThat(run.code()).isEqualTo(0);
 *
 * CommandRun launched = CommandRun.ofProcess("bash", "../bin/aijson", "--version");
 * }</pre>
 *
 * @param code the exit code the command returned
 * @param out what it printed to its output
 * @param err what it printed to its error output
 */
public record CommandRun(int code, String out, String err) {
  private static final long TIMEOUT_SECONDS = 120;

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

  /**
   * Runs {@code command} as a process of its own, with no input, and returns what it printed
   * (as UTF-8) and its exit code.
   *
   * @param command the program and its arguments, such as {@code bash ../bin/aijson --version}
   * @throws IOException if the program cannot be started or does not finish in 120 seconds
   */
  public static CommandRun ofProcess(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // both streams at once: a process blocks when the pipe nobody reads is full
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS
          + " seconds");
    }
    return new CommandRun(process.exitValue(), out, err.join());
  }

  private static String read(InputStream stream) {
    try (InputStream in = stream) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
