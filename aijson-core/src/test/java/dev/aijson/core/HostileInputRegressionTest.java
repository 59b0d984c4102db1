package dev.aijson.core;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aijson.core.replay.AiJsonReplayer;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;

/**
 * Regressions found by the hardening work (aijson-hardening): documents that made reading or
 * validation hang, or that validation let through to fail at build time.
 */
class HostileInputRegressionTest {
  private static final Duration QUICKLY = Duration.ofSeconds(5);

  static final class Sized {
    final int size;

    @Inject
    Sized(int size) {
      this.size = size;
    }
  }

  static final class Lazy {
    final Provider<Sized> sized;

    @Inject
    Lazy(Provider<Sized> sized) {
      this.sized = sized;
    }
  }

  private static String sized(String size) {
    return """
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "dev.aijson.core", \
        "caller": "HostileInputRegressionTest$Sized", "signature": ["int"], "kwargs": {"size": %s}}}}\
        """.formatted(size);
  }

  private static String lazy(String key) {
    return """
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "dev.aijson.core", \
        "caller": "HostileInputRegressionTest$Lazy", \
        "signature": ["javax.inject.Provider<dev.aijson.core.HostileInputRegressionTest$Sized>"], \
        "kwargs": {"sized": {"provider": "%s"}}}}}\
        """.formatted(key);
  }

  /** Broke: the caller pattern backtracked over "$" parts, so 16,000 of them took minutes. */
  @Test
  void callerPattern_longDollarChain_isCheckedInLinearTime() {
    String caller = "A" + "$a".repeat(200_000) + "!";
    String json = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"opaque\", \"module\": \"x\","
        + " \"caller\": \"" + caller + "\"}}}";

    AiJsonException e = assertTimeoutPreemptively(QUICKLY,
        () -> assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json)));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
  }

  /** Broke: an int kwarg of 1e100000000 was made into an exact BigInteger, which never ended. */
  @Test
  void wholeNumber_hugeExponent_isRefusedAtOnce() {
    for (String size : new String[] {"1e100000000", "1e-100000000", "-1E+2000000"}) {
      AiJsonException e = assertTimeoutPreemptively(QUICKLY,
          () -> assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core").of(sized(size))));

      assertThat(e.path()).isEqualTo("/vars/var0/kwargs/size");
      assertThat(e).hasMessageThat().contains("which is not an int");
    }
  }

  @Test
  void wholeNumber_writtenWithExponentAndZeros_isStillRead() {
    assertThat(((Sized) AiJsonReplayer.allowing("dev.aijson.core").of(sized("12.000e1")).build()).size).isEqualTo(120);
  }

  /**
   * Broke: a pointer string was built for every value read, so a 50,000-character key above an
   * array of 200,000 numbers copied 10 GB and took seconds per document.
   */
  @Test
  void longKeyAboveLongArray_isReadInLinearTime() {
    String key = "k".repeat(50_000);
    String numbers = "[" + "0,".repeat(200_000) + "0]";
    String refs = "[" + "\"$var0\",".repeat(200_000) + "\"$var0\"]";
    String json = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"opaque\", \"module\": \"x\","
        + " \"caller\": \"B\"}, \"var1\": {\"kind\": \"constructor\", \"module\": \"x\", \"caller\":"
        + " \"C\", \"signature\": [\"x\", \"y\"], \"kwargs\": {\"" + key + "\": " + numbers + ", \"r"
        + key.substring(1) + "\": " + refs + "}}}, \"environment\": {\"" + key + "\": " + numbers + "}}";

    AiJsonDocument document = assertTimeoutPreemptively(QUICKLY, () -> AiJsonDocument.parse(json));

    assertThat(document.vars()).hasSize(2);
  }

  /**
   * Broke: reading kept every problem, so an 8 MB document of a million dangling references made
   * a million messages and an exception message of hundreds of megabytes.
   */
  @Test
  void millionDanglingReferences_listAHundredProblems_andCountTheRest() {
    String refs = "[" + "\"$var7\",".repeat(999_999) + "\"$var7\"]";
    String json = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\", \"module\":"
        + " \"x\", \"caller\": \"C\", \"signature\": [\"x\"], \"kwargs\": {\"refs\": " + refs + "}}}}";

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json));

    assertThat(e.problems()).hasSize(101);
    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/refs/0");
    assertThat(e.problems().get(100).message()).isEqualTo("... and 999900 more problems not listed"
        + " here. Fix the ones above first.");
    assertThat(e.getMessage().length()).isLessThan(100_000);
  }

  /** Broke: a provider key naming no class passed validation and failed when provided. */
  @Test
  void providerKey_namingNoClass_isRefusedByValidation() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.allowing("dev.aijson.core").of(lazy("dev.aijson.core.NoSuchSized")));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/sized/provider");
    assertThat(e).hasMessageThat().contains("class dev.aijson.core.NoSuchSized cannot be found");
  }

  @Test
  void providerKey_ofAnotherType_isRefusedByValidation() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.allowing("dev.aijson.core").of(lazy("java.lang.String")));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/sized/provider");
    assertThat(e).hasMessageThat().contains("it names java.lang.String");
  }

  @Test
  void providerKey_qualifiedByNoAnnotation_isRefusedByValidation() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.allowing("dev.aijson.core").of(lazy("@java.lang.String dev.aijson.core.HostileInputRegressionTest$Sized")));

    assertThat(e).hasMessageThat().contains("java.lang.String is not an annotation");
  }

  @Test
  void providerKey_ofTheProvidedType_passesValidation() {
    AiJsonReplayer.allowing("dev.aijson.core").of(lazy("@javax.inject.Named(\\\"x\\\") dev.aijson.core.HostileInputRegressionTest$Sized"));
    AiJsonReplayer.allowing("dev.aijson.core").of(lazy("dev.aijson.core.HostileInputRegressionTest$Sized"));
  }
}
