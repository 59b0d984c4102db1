package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.name.Named;
import dev.aijson.core.AiJsonException;
import dev.aijson.hostile.Flags;
import dev.aijson.hostile.Loud;
import org.junit.jupiter.api.Test;

/** Bad and hostile documents are refused by ReplayModule.from, up front, with a pointer. */
class ReplayModuleErrorsTest {
  static class Tok {
    final String corpus;
    final int vocab;

    @Inject
    Tok(@Named("corpus") String corpus, @Named("vocab") int vocab) {
      this.corpus = corpus;
      this.vocab = vocab;
    }
  }

  static class Holder {
    @Inject
    Holder(Tok tok) {}
  }

  private static final String TOK =
      """
      "var0": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "ReplayModuleErrorsTest$Tok",
               "key": "dev.aijson.guice.ReplayModuleErrorsTest$Tok",
               "signature": ["java.lang.String", "int"], "kwargs": {"corpus": "c.txt", "vocab": %s}}""";

  private static String document(String vars) {
    return "{\"aijson\": 1, \"vars\": {" + vars + "}}";
  }

  private static AiJsonException refused(String json) {
    return assertThrows(AiJsonException.class, () -> ReplayModule.from(json));
  }

  @Test
  void goodDocument_isAccepted_andBuilds() {
    Tok tok = Guice.createInjector(ReplayModule.from(document(TOK.formatted("12")))).getInstance(Tok.class);

    assertThat(tok.vocab).isEqualTo(12);
    assertThat(tok.corpus).isEqualTo("c.txt");
  }

  @Test
  void truncatedJson_isRefused() {
    String json = document(TOK.formatted("12"));

    AiJsonException e = refused(json.substring(0, json.length() / 2));

    assertThat(e).hasMessageThat().contains("not valid JSON");
  }

  @Test
  void emptyDocument_isRefused() {
    assertThat(refused("")).hasMessageThat().contains("empty");
  }

  @Test
  void wrongRootType_isRefused() {
    AiJsonException e = refused("[1, 2]");

    assertThat(e.path()).isEmpty();
    assertThat(e).hasMessageThat().contains("must be a JSON object");
  }

  @Test
  void unknownFormatVersion_isRefused() {
    AiJsonException e = refused("{\"aijson\": 2, \"vars\": {}}");

    assertThat(e.path()).isEqualTo("/aijson");
    assertThat(e).hasMessageThat().contains("Unknown format version");
  }

  @Test
  void danglingReference_isRefused() {
    String holder =
        ", \"var1\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.guice\","
            + " \"caller\": \"ReplayModuleErrorsTest$Holder\","
            + " \"signature\": [\"dev.aijson.guice.ReplayModuleErrorsTest$Tok\"], \"kwargs\": {\"tok\": \"$var7\"}}";

    AiJsonException e = refused(document(TOK.formatted("12") + holder));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/tok");
  }

  @Test
  void cycle_isRefused() {
    String cycle =
        "\"var0\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.guice\","
            + " \"caller\": \"ReplayModuleErrorsTest$Holder\","
            + " \"signature\": [\"dev.aijson.guice.ReplayModuleErrorsTest$Tok\"], \"kwargs\": {\"tok\": \"$var1\"}},"
            + " \"var1\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.guice\","
            + " \"caller\": \"ReplayModuleErrorsTest$Holder\","
            + " \"signature\": [\"dev.aijson.guice.ReplayModuleErrorsTest$Tok\"], \"kwargs\": {\"tok\": \"$var0\"}}";

    AiJsonException e = refused(document(cycle));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/tok");
    assertThat(e).hasMessageThat().contains("point backwards");
  }

  @Test
  void wrongValueType_isRefusedWithItsPointer() {
    AiJsonException e = refused(document(TOK.formatted("\"three\"")));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocab");
    assertThat(e).hasMessageThat().contains("var0");
  }

  @Test
  void intOutOfRange_isRefused() {
    AiJsonException e = refused(document(TOK.formatted("3000000000")));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocab");
  }

  @Test
  void missingArgument_isRefused() {
    String missing = TOK.formatted("1").replace(", \"vocab\": 1", "");

    AiJsonException e = refused(document(missing));

    assertThat(e.path()).startsWith("/vars/var0");
    assertThat(e).hasMessageThat().contains("kwargs");
  }

  @Test
  void swappedKwargsOfTheSameType_areRefusedByName() {
    String swapped =
        TOK.formatted("12").replace("\"corpus\": \"c.txt\", \"vocab\": 12", "\"vocab\": 12, \"corpus\": \"c.txt\"");
    String renamed = TOK.formatted("12").replace("\"vocab\": 12", "\"vocabSize\": 12");

    AiJsonException e = refused(document(renamed));
    refused(document(swapped));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocabSize");
    assertThat(e).hasMessageThat().contains("Rename it to \"vocab\"");
  }

  @Test
  void unknownClass_isRefused() {
    AiJsonException e = refused(document(TOK.formatted("1").replace("ReplayModuleErrorsTest$Tok\",", "NoSuchTok\",")));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().contains("NoSuchTok");
  }

  @Test
  void deepNesting_100000Levels_isRefusedWithoutStackOverflow() {
    String deep = "{\"aijson\": 1, \"vars\": {\"var0\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}}";

    AiJsonException e = refused(deep);

    assertThat(e).hasMessageThat().contains("deeper than");
  }

  @Test
  void severalProblems_areAllListed_andPathIsTheFirst() {
    String two = TOK.formatted("\"x\"") + ", " + TOK.formatted("\"y\"").replace("\"var0\"", "\"var1\"");

    AiJsonException e = refused(document(two));

    assertThat(e.problems().size()).isAtLeast(2);
    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocab");
  }

  private static String constructorOf(String module, String caller, String signature, String kwargs) {
    return document(
        "\"var0\": {\"kind\": \"constructor\", \"module\": \"" + module + "\", \"caller\": \"" + caller
            + "\", \"key\": \"" + module + "." + caller + "\", \"signature\": " + signature
            + ", \"kwargs\": " + kwargs + "}");
  }

  /** Security refusals surface when the injector is created, so allowPackages can follow from. */
  private static AiJsonException refusedAtCreation(String json) {
    ReplayModule module = ReplayModule.from(json);
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(module));
    assertThat(e.getErrorMessages()).hasSize(1);
    Throwable cause = e.getErrorMessages().iterator().next().getCause();
    assertThat(cause).isInstanceOf(AiJsonException.class);
    return (AiJsonException) cause;
  }

  @Test
  void processBuilder_isRefusedByDefault() {
    AiJsonException e =
        refusedAtCreation(
            constructorOf("java.lang", "ProcessBuilder", "[\"java.lang.String[]\"]", "{\"arg0\": [\"sh\"]}"));

    assertThat(e.path()).startsWith("/vars/var0");
    assertThat(e).hasMessageThat().contains("allowPackages(\"java.lang\")");
  }

  @Test
  void scriptEngineManager_isRefusedByDefault() {
    AiJsonException e = refusedAtCreation(constructorOf("javax.script", "ScriptEngineManager", "[]", "{}"));

    assertThat(e).hasMessageThat().contains("javax.script.ScriptEngineManager");
  }

  @Test
  void refusedClass_staticInitialiserNeverRuns_andAllowPackagesLiftsTheRefusal() {
    String json = constructorOf("dev.aijson.hostile", "Loud", "[]", "{}");

    AiJsonException e = refusedAtCreation(json);

    assertThat(e).hasMessageThat().contains("dev.aijson.hostile.Loud");
    assertThat(Flags.loudInitialised).isFalse();

    Loud loud =
        Guice.createInjector(ReplayModule.from(json).allowPackages("dev.aijson.hostile"))
            .getInstance(Loud.class);
    assertThat(loud).isNotNull();
    assertThat(Flags.loudInitialised).isTrue();
  }
}
