package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.PackageVersion;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Entry;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.testing.LogCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/** The environment section: what the recorder writes, and what replay warns about. */
class EnvironmentTest {
  private static final String JAVA = System.getProperty("java.version");
  private static final String JACKSON = PackageVersion.VERSION.toString();

  public static class Scaler {
    final int factor;

    @Inject
    public Scaler(int factor) {
      this.factor = factor;
    }
  }

  private static AiJsonDocument recorded() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    recorder.record(Entry.constructor(Scaler.class,
        List.of(new Arg("factor", int.class, 3)), new Scaler(3)));
    recorder.record(Entry.constructor(JsonFactory.class, List.of(), new JsonFactory()));
    recorder.record(Entry.constructor(ArrayList.class, List.of(), new ArrayList<>()));
    return recorder.snapshotWithEnvironment(Map.of("jackson", JsonFactory.class));
  }

  @Test
  void snapshotWithEnvironment_recordsJavaLibrariesAndTheOriginOfEachClass() {
    assertThat(recorded().environment()).containsExactly(
        "java", JAVA,
        "jackson", JACKSON,
        "classes", Map.of(
            "com.fasterxml.jackson.core.JsonFactory",
            Map.of("jar", "jackson-core-" + JACKSON + ".jar", "version", JACKSON),
            Scaler.class.getName(), Map.of("folder", "test-classes"))).inOrder();
  }

  @Test
  void snapshotWithEnvironment_sameClasses_givesByteIdenticalJson() {
    assertThat(recorded().toJson()).isEqualTo(recorded().toJson());
  }

  @Test
  void snapshotWithEnvironment_sectionIsIgnoredByEquality() {
    AiJsonDocument withSection = recorded();

    assertThat(withSection.withoutEnvironment()).isEqualTo(withSection);
    assertThat(withSection.withoutEnvironment().toJson()).doesNotContain("environment");
  }

  @Test
  void withEnvironment_notAJsonValue_throwsAiJsonException() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> recorded().withEnvironment(Map.of("java", new Object())));

    assertThat(e.path()).isEqualTo("/environment");
    assertThat(e).hasMessageThat().startsWith("The environment section cannot be written: not a"
        + " document value: java.lang.Object");
  }

  @Test
  void snapshotWithEnvironment_libraryNamedClasses_throwsAiJsonException() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(1);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> recorder.snapshotWithEnvironment(Map.of("classes", JsonFactory.class)));

    assertThat(e).hasMessageThat().isEqualTo("\"classes\" cannot be written as a library: the names"
        + " java and classes are taken and every library needs a class. Name libraries such as"
        + " guice, with one of their classes.");
  }

  private static AiJsonReplayer replayerOf(AiJsonDocument document) {
    return AiJsonReplayer.of(document, EnvironmentTest.class.getClassLoader(), "dev.aijson.core.internal",
        "com.fasterxml", "java.util");
  }

  @Test
  void environmentWarnings_sameEnvironment_isEmpty() {
    assertThat(replayerOf(recorded()).environmentWarnings(Map.of("jackson", JsonFactory.class)))
        .isEmpty();
  }

  @Test
  void environmentWarnings_noSection_isEmpty() {
    assertThat(replayerOf(recorded().withoutEnvironment()).environmentWarnings()).isEmpty();
  }

  private static AiJsonDocument recordedElsewhere() {
    Map<String, Object> environment = new LinkedHashMap<>(recorded().environment());
    environment.put("java", "1.8.0_392");
    environment.put("jackson", "2.9.0");
    environment.put("classes", Map.of(
        "com.fasterxml.jackson.core.JsonFactory",
        Map.of("jar", "jackson-core-2.9.0.jar", "version", "2.9.0"),
        Scaler.class.getName(), Map.of("folder", "test-classes"),
        "com.acme.Gone", Map.of("jar", "gone.jar")));
    return recorded().withEnvironment(environment);
  }

  @Test
  void environmentWarnings_otherVersions_namesEachDifference() {
    assertThat(replayerOf(recordedElsewhere()).environmentWarnings(Map.of("jackson", JsonFactory.class)))
        .containsExactly(
            "The document was recorded on Java 1.8.0_392; this is Java " + JAVA + ". Replay goes"
                + " on; if results differ, replay on Java 1.8.0_392.",
            "The document was recorded with jackson 2.9.0; this is jackson " + JACKSON + "."
                + " Replay goes on; if results differ, replay with jackson 2.9.0.",
            "com.fasterxml.jackson.core.JsonFactory was recorded from jackson-core-2.9.0.jar"
                + " (version 2.9.0); it is now loaded from jackson-core-" + JACKSON + ".jar"
                + " (version " + JACKSON + "). Replay goes on; if results differ, put the recorded"
                + " version on the classpath.").inOrder();
  }

  @Test
  void environmentWarnings_malformedSection_isAWarningNotAnError() {
    AiJsonDocument document = recorded().withEnvironment(Map.of("java", 17, "classes", List.of()));

    assertThat(replayerOf(document).environmentWarnings()).containsExactly(
        "The environment section is not as aijson writes it at /environment/java (expected a"
            + " version string), so it was not compared there. Re-record the document to fix it.",
        "The environment section is not as aijson writes it at /environment/classes (expected an"
            + " object of classes), so it was not compared there. Re-record the document to fix"
            + " it.").inOrder();
  }

  @Test
  void build_otherVersions_logsTheWarningsOnceAndBuilds() {
    try (LogCapture log = LogCapture.of(AiJsonReplayer.class)) {
      AiJsonReplayer replayer = replayerOf(recordedElsewhere());

      Scaler first = (Scaler) replayer.build("var0");
      replayer.build("var0");

      List<LogRecord> logged = log.records();
      assertThat(first.factor).isEqualTo(3);
      assertThat(logged).hasSize(1);
      assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
      assertThat(logged.get(0).getMessage()).startsWith("aijson replay: the environment differs"
          + " from the recording:\n  The document was recorded on Java 1.8.0_392;");
    }
  }
}
