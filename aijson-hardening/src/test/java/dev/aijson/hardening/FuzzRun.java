package dev.aijson.hardening;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.aijson.core.AiJsonException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what one fuzz target saw and judges each outcome: a document is read, or refused with
 * an {@link AiJsonException} (Guice may wrap it in a creation or provision exception, as the
 * only cause). Anything else is rethrown, which Jazzer reports as a finding.
 */
final class FuzzRun {
  private final String id;
  private final String target;
  private final AtomicLong inputs = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean found;
  private final long started = System.nanoTime();

  /**
   * @param id the name of the figures file, such as {@code parse}
   * @param target what is fuzzed, for people, such as {@code AiJsonDocument.parse}
   */
  FuzzRun(String id, String target) {
    this.id = id;
    this.target = target;
  }

  /** Runs one input: success or a refusal is counted; anything else is thrown on. */
  void run(ThrowingRunnable input) throws Throwable {
    inputs.incrementAndGet();
    try {
      input.run();
      accepted.incrementAndGet();
    } catch (Throwable t) {
      if (!isRefusal(t)) {
        found = true;
        throw t;
      }
      AiJsonException refusal = refusalOf(t);
      if (refusal.path() == null || !(refusal.path().isEmpty() || refusal.path().startsWith("/"))) {
        throw new AssertionError("a refusal without a JSON Pointer: " + refusal.path(), refusal);
      }
      refused.incrementAndGet();
    }
  }

  /** An input to run. */
  interface ThrowingRunnable {
    void run() throws Throwable;
  }

  static boolean isRefusal(Throwable t) {
    return refusalOf(t) != null;
  }

  static AiJsonException refusalOf(Throwable t) {
    if (t instanceof AiJsonException e) {
      return e;
    }
    if ((t instanceof CreationException || t instanceof ProvisionException)
        && t.getCause() instanceof AiJsonException e) {
      return e;
    }
    return null;
  }

  /** Writes the figures of this run: a regression run's row, or a fuzzing campaign's line. */
  void finish() {
    double seconds = (System.nanoTime() - started) / 1e9;
    if (isFuzzing()) {
      if (inputs.get() == 0) {
        return; // not the target fuzzed in this run
      }
      Figures.appendLine(Path.of(System.getProperty("fuzz.campaigns", "fuzz-campaigns.jsonl")),
          Map.of("target", target, "executions", inputs.get(), "accepted", accepted.get(),
              "refused", refused.get(), "seconds", Math.round(seconds), "finding", found,
              "finished", Instant.now().toString()));
      return;
    }
    Figures.row("1-fuzz-" + id,
        "Fuzz target " + target + ": every input is read or refused with an AiJsonException",
        inputs.get() + " committed inputs (the empty input, recorded and hostile documents as seeds, past"
            + " findings) replayed in regression mode",
        accepted.get() + " read, " + refused.get() + " refused, 0 other outcomes",
        Map.of("inputs", inputs.get(), "accepted", accepted.get(), "refused", refused.get()));
  }

  static boolean isFuzzing() {
    String fuzz = System.getenv("JAZZER_FUZZ");
    return fuzz != null && !fuzz.isEmpty();
  }
}
