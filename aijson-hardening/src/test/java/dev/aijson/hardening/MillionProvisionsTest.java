package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRecorder;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("size")).to(7);
        bindConstant().annotatedWith(Names.named("label")).to("widget");
      }
    });
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    long baseline = usedAfterGc();
    long started = System.nanoTime();

    for (int i = 0; i < CAP; i++) {
      injector.getInstance(Widget.class);
    }
    long atCap = usedAfterGc();
    for (int i = CAP; i < PROVISIONS; i++) {
      injector.getInstance(Widget.class);
    }
    long atEnd = usedAfterGc();
    double seconds = (System.nanoTime() - started) / 1e9;
    String json = log.toJson();
    AiJsonDocument document = AiJsonDocument.parse(json);
    long peak = peakHeap();

    assertThat(document.vars()).hasSize(CAP);
    assertThat(document.isCut()).isTrue();
    assertThat(document.cap()).isEqualTo(CAP);
    assertThat(document.droppedVars()).isEqualTo(PROVISIONS - CAP);
    assertThat(log.size()).isEqualTo(CAP);
    long perVar = (atCap - baseline) / CAP;
    long growthPastCap = atEnd - atCap;
    // past the cap, 900,000 more provisions may not keep what they made
    assertThat(growthPastCap).isLessThan(8L << 20);
    assertThat(maxHeap).isAtMost(300L << 20);

    Figures.row("5-memory-million",
        "A long-running injector keeps bounded memory, and its document says it was cut at the cap",
        String.format("%,d", PROVISIONS) + " unscoped provisions in one injector (default cap "
            + String.format("%,d", CAP) + " vars) in a JVM with a " + (maxHeap >> 20) + " MiB heap,"
            + " then an export of the document",
        "heap after GC: " + mib(baseline) + " before, " + mib(atCap) + " at the cap ("
            + perVar + " bytes per var), " + mib(atEnd) + " after " + String.format("%,d", PROVISIONS)
            + " (" + signedKib(growthPastCap) + " past the cap); peak " + mib(peak) + "; document: "
            + String.format("%,d", document.vars().size()) + " vars, cut, "
            + String.format("%,d", document.droppedVars()) + " dropped, " + (json.length() >> 20)
            + " MiB of JSON; " + String.format("%.1f", seconds) + " s",
        Map.of("provisions", PROVISIONS, "cap", CAP, "heapMiB", maxHeap >> 20,
            "bytesPerVar", perVar, "growthPastCapBytes", growthPastCap,
            "dropped", document.droppedVars()));
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long peakHeap() {
    long peak = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  private static String signedKib(long bytes) {
    return String.format("%+,d KiB", bytes >> 10);
  }
}
