package dev.aijson.guice;

import dev.aijson.core.internal.AtomicFile;
import dev.aijson.core.internal.NullArguments;
import com.google.inject.Guice;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.recording.AiJsonRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The wiring recorded by one injector's {@link AiJsonModule}: every component it provisioned,
 * as an aijson document. Bound by the module; get it from the injector.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new AiJsonModule(), new SentimentModule());
 * injector.getInstance(SentimentPipeline.class);
 * AiJsonLog log = injector.getInstance(AiJsonLog.class);
 * log.writeTo(Path.of("pipeline.json"));
 * }</pre>
 *
 * <p>Thread-safe: exports taken while other threads provision are complete, valid documents of
 * what was finished at that moment.
 */
public final class AiJsonLog {
  private static final Map<String, Class<?>> LIBRARIES = Map.of("guice", Guice.class);

  private final AiJsonRecorder recorder;
  private final boolean environment;

  AiJsonLog(AiJsonRecorder recorder, boolean environment) {
    this.recorder = recorder;
    this.environment = environment;
  }

  /**
   * Returns a snapshot of the document recorded so far, with its {@code environment} section
   * (Java version, Guice version, the jar and version of each recorded class) unless the module
   * was made {@link AiJsonModule#withoutEnvironment() withoutEnvironment()}.
   *
   * @return the document, consistent even while the injector goes on building
   */
  public AiJsonDocument document() {
    return environment ? recorder.snapshotWithEnvironment(LIBRARIES) : recorder.snapshot();
  }

  /**
   * Returns the document recorded so far as deterministic JSON.
   *
   * @return the JSON text of {@link #document()}
   */
  public String toJson() {
    return document().toJson();
  }

  /**
   * Returns how many vars have been recorded so far.
   *
   * @return the number of vars recorded, not counting those dropped past the var cap
   */
  public int size() {
    return recorder.size();
  }

  /**
   * Writes the document recorded so far to {@code file}, atomically: the JSON goes to a temporary
   * file in the same folder, which then replaces {@code file}. On any error the previous {@code
   * file} is left as it was and the temporary file is removed.
   *
   * @param file the file to write; its folder must exist
   * @throws IOException if the file cannot be written
   */
  public void writeTo(Path file) throws IOException {
    NullArguments.check(file, "AiJsonLog.writeTo", "file", "Pass the path to write the document to.");
    AtomicFile.write(file, toJson());
  }

  /** Writes {@code text} to {@code file} atomically; the seam through which tests make it fail. */
  static void writeAtomically(Path file, String text, AtomicFile.BytesWriter writer) throws IOException {
    AtomicFile.write(file, text, writer);
  }
}
