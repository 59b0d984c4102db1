package dev.aijson.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs Graphviz's {@code dot} on the path, for tests that check a DOT picture renders; where it
 * is not installed, such tests are skipped.
 *
 * <pre>{@code
 * assumeTrue(Graphviz.isInstalled(), "Graphviz dot is not installed");
 * String svg = Graphviz.toSvg(AiJsonGraphs.toDot(document));
 * }</pre>
 */
public final class Graphviz {
  private static final long TIMEOUT_SECONDS = 30;

  private Graphviz() {}

  /** Returns whether {@code dot -V} runs. */
  public static boolean isInstalled() {
    try {
      run("", "dot", "-V");
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Returns the SVG that {@code dot -Tsvg} renders from {@code dot}.
   *
   * @throws IOException if dot cannot be run, does not finish in 30 seconds or fails; the
   *     message has what it printed to stderr
   */
  public static String toSvg(String dot) throws IOException, InterruptedException {
    return run(dot, "dot", "-Tsvg");
  }

  private static String run(String input, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " seconds");
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue()
          + ": " + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return output;
  }
}
