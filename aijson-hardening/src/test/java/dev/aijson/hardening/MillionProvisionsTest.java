package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import org.junit.jupiter.api.Test;

/**
 * A long-running injector that provisions a million unscoped components keeps bounded memory:
 * runs in a JVM of its own with a 256 MiB heap (the {@code memory} execution of the pom), and its
 * document says that it was cut at the cap.
 */
class MillionProvisionsTest {
  private static final int PROVISIONS = 1_000_000;
  private static final int CAP = AiJsonRecorder.DEFAULT_CAP;
  private static final int WORDS = 50_000;

  /** A component made fresh for every request. */
  public static class Widget {
    final int size;
    final String label;

    @Inject
    public Widget(@Named("size") int size, @Named("label") String label) {
      this.size = size;
      this.label = label;
    }
  }

  @Test
  void millionUnscopedProvisions_stayWithinTheHeap_andTheDocumentSaysItWasCut() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertThat(maxHeap).isAtMost(300L << 20); // run by the memory execution, -Xmx256m
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("size")).to(7);
        bindConstant().annotatedWith(Names.named("label")).to("widget");
      }
    });
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    Heap heap = provisionAMillion(injector, Widget.class);
    long baseline = heap.baseline();
    long atCap = heap.atCap();
    long atEnd = heap.atEnd();
    double seconds = heap.seconds();
    AiJsonDocument recorded = log.document();
    String json = log.toJson();
    long withExport = usedAfterGc();

    assertThat(recorded.vars()).hasSize(CAP);
    assertThat(recorded.isCut()).isTrue();
    assertThat(recorded.cap()).isEqualTo(CAP);
    assertThat(recorded.droppedVars()).isEqualTo(PROVISIONS - CAP);
    assertThat(json).endsWith("\"cut\": {\n    \"cap\": 100000,\n    \"dropped\": 900000\n  }\n}\n");
    long perVar = (atCap - baseline) / CAP;
    long growthPastCap = atEnd - atCap;
    // past the cap, 900,000 more provisions may keep nothing of what they made
    assertThat(growthPastCap).isLessThan(4L << 20);

    // serving reads the document in a JVM of its own: drop the injector, then read it here
    int jsonChars = json.length();
    injector = null;
    log = null;
    recorded = null;
    long beforeRead = usedAfterGc();
    AiJsonDocument read = AiJsonDocument.parse(json);
    json = null;
    long afterRead = usedAfterGc();
    long readBytes = afterRead - beforeRead + jsonChars; // the JSON text, Latin-1, was let go

    assertThat(read.isCut()).isTrue();
    assertThat(read.droppedVars()).isEqualTo(PROVISIONS - CAP);
    Figures.row("5-memory-million",
        "A long-running injector keeps bounded memory, and its document says it was cut at the cap",
        String.format("%,d", PROVISIONS) + " unscoped provisions in one injector (default cap "
            + String.format("%,d", CAP) + " vars) in a JVM with a " + (maxHeap >> 20) + " MiB heap;"
            + " the document exported, then read back once the injector was dropped",
        "heap after GC: " + mib(baseline) + " at start, " + mib(atCap) + " at the cap (the log holds "
            + perVar + " bytes per var), " + mib(atEnd) + " after " + String.format("%,d", PROVISIONS)
            + " (" + signedKib(growthPastCap) + " past the cap), " + mib(withExport) + " with the "
            + (jsonChars >> 20) + " MiB export; the document: " + String.format("%,d", CAP)
            + " vars, cut, " + String.format("%,d", PROVISIONS - CAP) + " dropped; read back, it"
            + " holds " + mib(readBytes) + " (" + readBytes / CAP + " bytes per var); "
            + String.format("%.1f", seconds) + " s of provisions",
        Map.of("provisions", PROVISIONS, "cap", CAP, "heapMiB", maxHeap >> 20,
            "bytesPerVar", perVar, "growthPastCapBytes", growthPastCap,
            "dropped", PROVISIONS - CAP, "readBytesPerVar", readBytes / CAP));
  }

  /** A component made fresh for every request that gets a large constant list. */
  public static class Speller {
    final List<String> words;

    @Inject
    public Speller(@Named("words") List<String> words) {
      this.words = words;
    }
  }

  /**
   * Regression: each var held its own inline copy of a 50,000-word list bound by toInstance, so
   * about 2,500 provisions ran out of memory inside the application's getInstance.
   */
  @Test
  void millionProvisionsOfALargeConstant_stayWithinAFixedHeap() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertThat(maxHeap).isAtMost(300L << 20); // run by the memory execution, -Xmx256m
    List<String> words = new ArrayList<>(WORDS);
    for (int i = 0; i < WORDS; i++) {
      words.add("word" + i);
    }
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<List<String>>() {}).annotatedWith(Names.named("words")).toInstance(words);
      }
    });
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    Heap heap = provisionAMillion(injector, Speller.class);
    long baseline = heap.baseline();
    long atCap = heap.atCap();
    long atEnd = heap.atEnd();
    double seconds = heap.seconds();
    AiJsonDocument recorded = log.document();

    assertThat(recorded.vars()).hasSize(CAP);
    assertThat(recorded.droppedVars()).isEqualTo(PROVISIONS - CAP);
    assertThat(recorded.byteBudget()).isEqualTo(0); // shared, the list counts once
    // one copy of the list, however many vars hold it: far less than one copy (~1 MiB) per var
    long perVar = (atCap - baseline) / CAP;
    assertThat(atCap - baseline).isLessThan(64L << 20);
    assertThat(atEnd - atCap).isLessThan(4L << 20);
    Figures.row("5-memory-million-constant",
        "A long-running injector whose unscoped components each get a large constant keeps a fixed"
            + " heap",
        String.format("%,d", PROVISIONS) + " unscoped provisions in one injector, each getting"
            + " the same " + String.format("%,d", WORDS) + "-element List bound by toInstance"
            + " (default cap " + String.format("%,d", CAP) + " vars), in a JVM with a "
            + (maxHeap >> 20) + " MiB heap",
        "heap after GC: " + mib(baseline) + " at start, " + mib(atCap) + " at the cap ("
            + perVar + " bytes per var: the list is held once and shared), " + mib(atEnd)
            + " after " + String.format("%,d", PROVISIONS) + " (" + signedKib(atEnd - atCap)
            + " past the cap); " + String.format("%.1f", seconds) + " s of provisions ("
            + String.format("%.1f", seconds * 1e6 / PROVISIONS) + " µs each)",
        Map.of("provisions", PROVISIONS, "elements", WORDS, "heapMiB", maxHeap >> 20,
            "bytesPerVar", perVar, "growthPastCapBytes", atEnd - atCap,
            "usedAtEndBytes", atEnd));
  }

  /** The heap after GC before the provisions, at the cap and after them, and their time. */
  private record Heap(long baseline, long atCap, long atEnd, double seconds) {}

  /** Provisions {@code type} {@link #PROVISIONS} times, measuring the heap on the way. */
  private static Heap provisionAMillion(Injector injector, Class<?> type) {
    long baseline = usedAfterGc();
    long started = System.nanoTime();
    for (int i = 0; i < CAP; i++) {
      injector.getInstance(type);
    }
    long atCap = usedAfterGc();
    for (int i = CAP; i < PROVISIONS; i++) {
      injector.getInstance(type);
    }
    long atEnd = usedAfterGc();
    return new Heap(baseline, atCap, atEnd, (System.nanoTime() - started) / 1e9);
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  private static String signedKib(long bytes) {
    return String.format("%+,d KiB", bytes >> 10);
  }
}
