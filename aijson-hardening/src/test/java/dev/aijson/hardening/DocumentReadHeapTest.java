package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Entry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The heap a read document holds is proportional to its text: documents of about 1, 10 and 30
 * MiB are read in a JVM of their own with a 256 MiB heap (the {@code memory} execution of the
 * pom), and the heap each holds once read, divided by the size of its text, stays below {@link
 * #FACTOR}.
 */
class DocumentReadHeapTest {
  /** The most heap a read document may hold per byte of its text. */
  private static final double FACTOR = 2.0;
  private static final int[] MIB = {1, 10, 30};

  /** A component recorded with a number, a name and a list, each different in every var. */
  public static final class Layer {}

  @Test
  void readDocuments_ofOneToThirtyMiB_holdAHeapProportionalToTheirText() {
    Map<String, Object> numbers = new LinkedHashMap<>();
    List<String> measured = new ArrayList<>();
    double worst = 0;
    for (int mib : MIB) {
      String json = document(mib << 20);
      long textBytes = json.getBytes(StandardCharsets.UTF_8).length;
      long before = usedAfterGc();
      AiJsonDocument read = AiJsonDocument.parse(json);
      // the text is Latin-1 (one byte a char) and still held here: count it out
      long retained = usedAfterGc() - before;
      double factor = (double) retained / textBytes;
      worst = Math.max(worst, factor);
      assertWithMessage("heap held by a read %s MiB document, per byte of its text", mib)
          .that(factor).isLessThan(FACTOR);
      assertWithMessage("vars read").that(read.vars().size()).isGreaterThan(0);
      measured.add(String.format("%.1f MiB of text (%,d vars) holds %.1f MiB, %.2fx",
          textBytes / 1048576.0, read.vars().size(), retained / 1048576.0, factor));
      numbers.put("factor" + mib + "MiB", Math.round(factor * 100) / 100.0);
      read = null;
      json = null;
    }
    numbers.put("bound", FACTOR);
    numbers.put("heapMiB", Runtime.getRuntime().maxMemory() >> 20);
    Figures.row("5-memory-read-factor",
        "Reading a document within the limits holds a heap proportional to its text",
        "documents of about 1, 10 and 30 MiB (recorded constructor vars, each with a number, a"
            + " string and a list of its own) parsed in a JVM with a "
            + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap; the heap held after GC"
            + " once read, the text not counted, divided by the size of the text (UTF-8)",
        String.join("; ", measured) + String.format("; at most %.2fx, asserted below %.1fx", worst,
            FACTOR),
        numbers);
  }

  /** Returns a recorded document of about {@code bytes} characters. */
  private static String document(int bytes) {
    AiJsonRecorder recorder = AiJsonRecorder.withBounds(1_000_000, Long.MAX_VALUE);
    record(recorder, 0, 1_000);
    // vars of the same shape: the first thousand give the size of the rest
    int vars = (int) ((long) bytes * 1_000 / recorder.snapshot().toJson().length());
    record(recorder, 1_000, vars);
    return recorder.snapshot().toJson();
  }

  private static void record(AiJsonRecorder recorder, int from, int to) {
    for (int n = from; n < to; n++) {
      recorder.record(Entry.constructor(Layer.class, List.of(
          new Arg("width", int.class, n),
          new Arg("name", String.class, "layer-" + n),
          new Arg("dims", List.class, List.of(n, n + 1, n + 2))), new Layer()));
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
