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
import dev.aijson.testing.TestDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** A Tok bound to its own key, with vocab 12. */
  private static final String TOK = document("tok.json");

  /** Returns the document {@code name} of src/test/resources/dev/aijson/guice. */
  private static String document(String name) {
    return TestDocuments.read(ReplayModuleErrorsTest.class, name);
  }

  /** Returns {@link #TOK} with {@code vocab} as the value of its vocab kwarg. */
  private static String tokWithVocab(String vocab) {
    return TOK.replace("\"vocab\": 12}", "\"vocab\": " + vocab + "}");
  }

  private static AiJsonException refused(String json) {
    return assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));
  }

  @Test
  void goodDocument_isAccepted_andBuilds() {
    Tok tok = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(TOK)).getInstance(Tok.class);

    assertThat(tok.vocab).isEqualTo(12);
    assertThat(tok.corpus).isEqualTo("c.txt");
  }

  @Test
  void truncatedJson_isRefused() {
    String json = TOK;

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
    AiJsonException e = refused(document("format-version-2.json"));

    assertThat(e.path()).isEqualTo("/aijson");
    assertThat(e).hasMessageThat().contains("Unknown format version");
  }

  @Test
  void danglingReference_isRefused() {
    AiJsonException e = refused(document("dangling-reference.json"));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/tok");
  }

  @Test
  void cycle_isRefused() {
    AiJsonException e = refused(document("cycle.json"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/tok");
    assertThat(e).hasMessageThat().contains("point backwards");
  }

  @Test
  void wrongValueType_isRefusedWithItsPointer() {
    AiJsonException e = refused(tokWithVocab("\"three\""));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocab");
    assertThat(e).hasMessageThat().contains("var0");
  }

  @Test
  void intOutOfRange_isRefused() {
    AiJsonException e = refused(tokWithVocab("3000000000"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocab");
  }

  @Test
  void missingArgument_isRefused() {
    String missing = tokWithVocab("1").replace(", \"vocab\": 1", "");

    AiJsonException e = refused(missing);

    assertThat(e.path()).startsWith("/vars/var0");
    assertThat(e).hasMessageThat().contains("kwargs");
  }

  @Test
  void swappedKwargsOfTheSameType_areRefusedByName() {
    String swapped =
        TOK.replace("\"corpus\": \"c.txt\", \"vocab\": 12", "\"vocab\": 12, \"corpus\": \"c.txt\"");
    String renamed = TOK.replace("\"vocab\": 12", "\"vocabSize\": 12");

    AiJsonException e = refused(renamed);
    refused(swapped);

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocabSize");
    assertThat(e).hasMessageThat().contains("Rename it to \"vocab\"");
  }

  @Test
  void unknownClass_isRefused() {
    AiJsonException e = refused(tokWithVocab("1").replace("ReplayModuleErrorsTest$Tok\",", "NoSuchTok\","));

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
    AiJsonException e = refused(document("two-toks-with-vocabs-that-are-strings.json"));

    assertThat(e.problems().size()).isAtLeast(2);
    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocab");
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
    AiJsonException e = refusedAtCreation(document("process-builder.json"));

    assertThat(e.path()).startsWith("/vars/var0");
    assertThat(e).hasMessageThat().contains("Allow it with ReplayModule.allowing(\"java.lang\") or"
        + " allowPackages(\"java.lang\"), or annotate the class with @AiJson; the document names it at /vars/var0/caller.");
  }

  @Test
  void allowing_refusedClass_isThrownByFrom() {
    String json = document("loud.json");

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().isEqualTo("var0 (dev.aijson.hostile.Loud): replay does not"
        + " construct dev.aijson.hostile.Loud: its package is not allowed and the class is not"
        + " annotated @AiJson (an @Inject constructor alone is not enough). Allow it with"
        + " ReplayModule.allowing(\"dev.aijson.hostile\") or allowPackages(\"dev.aijson.hostile\"),"
        + " or annotate the class with @AiJson; the document names it at /vars/var0/caller.");
  }

  @Test
  void allowing_wildcard_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReplayModule.allowing("dev.aijson.*"));

    assertThat(e).hasMessageThat().isEqualTo("allowPackages: \"dev.aijson.*\" is not a package name;"
        + " write it as com.acme.models (sub-packages are included, no wildcard).");
  }

  @Test
  void allowPackages_nullName_isRejectedNamingTheFix() {
    ReplayModule module = ReplayModule.from(TOK);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> module.allowPackages("dev.aijson.guice", null));

    assertThat(e).hasMessageThat().isEqualTo("allowPackages: \"null\" is not a package name;"
        + " write it as com.acme.models (sub-packages are included, no wildcard).");
  }

  @Test
  void scriptEngineManager_isRefusedByDefault() {
    AiJsonException e = refusedAtCreation(document("script-engine-manager.json"));

    assertThat(e).hasMessageThat().contains("javax.script.ScriptEngineManager");
  }

  @Test
  void refusedClass_staticInitialiserNeverRuns_andAllowPackagesLiftsTheRefusal() {
    String json = document("loud.json");

    AiJsonException e = refusedAtCreation(json);

    assertThat(e).hasMessageThat().contains("dev.aijson.hostile.Loud");
    assertThat(Flags.loudInitialised).isFalse();

    Loud loud =
        Guice.createInjector(ReplayModule.from(json).allowPackages("dev.aijson.hostile"))
            .getInstance(Loud.class);
    assertThat(loud).isNotNull();
    assertThat(Flags.loudInitialised).isTrue();
  }

  @TempDir Path folder;

  // Regression: a document saved with a byte order mark, or as UTF-16, was refused with
  // Jackson's "Unexpected character ('?' (code 65279 / 0xfeff))" or a bare MalformedInputException.
  @Test
  void from_documentWithAByteOrderMark_isRefusedSayingSo() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from("\uFEFF" + TOK));

    assertThat(e).hasMessageThat().startsWith("The aijson document starts with a byte order mark"
        + " (U+FEFF); a document is UTF-8 text without one");
  }

  @Test
  void from_utf16File_isRefusedNamingTheFileAndTheEncoding() throws IOException {
    Path file = Files.write(folder.resolve("tok.json"), TOK.getBytes(StandardCharsets.UTF_16));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(file));

    assertThat(e).hasMessageThat().startsWith("Cannot read the aijson document: " + file + " is"
        + " UTF-16 (big-endian) text (it starts with that encoding's byte order mark), but an aijson"
        + " document is UTF-8 without a byte order mark");
  }

  @Test
  void from_utf8FileWithoutAByteOrderMark_isRead() throws IOException {
    Path file = Files.write(folder.resolve("tok.json"), TOK.getBytes(StandardCharsets.UTF_8));

    assertThat(ReplayModule.allowing("dev.aijson.guice").from(file)).isNotNull();
  }

}
