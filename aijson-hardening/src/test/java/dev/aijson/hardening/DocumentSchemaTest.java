package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/aijson-1.schema.json} honest: it is a valid draft 2020-12 schema, it accepts
 * every document the project records and every document {@link AiJsonDocument#parse} accepts
 * among the test documents of the repository (files, text blocks of test sources, mutants of
 * recorded documents, the edge documents of {@code schema-valid/}), and it refuses each
 * structurally broken document of {@code schema-broken/} at the node where the reader refuses it
 * too. The schema may be looser than the reader (it cannot see duplicate names, var order,
 * dangling references, kwarg counts or limits) but never stricter. The worked example of
 * {@code docs/FORMAT.md} is checked to be the document recorded today.
 */
class DocumentSchemaTest {
  /** Surefire runs in the module's folder; the repository is its parent. */
  private static final Path ROOT = Path.of("..");
  private static final Path REPOSITORY = ROOT.toAbsolutePath().normalize();
  private static final Path SCHEMA = ROOT.resolve("docs/aijson-1.schema.json");
  private static final Path BROKEN = Path.of("src/test/resources/schema-broken");
  private static final Path EDGES = Path.of("src/test/resources/schema-valid");
  private static final Path CORPUS = Path.of("src/test/resources/dev/aijson/hardening");
  private static final String DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();

  /** Reads JSON as the reader does: numbers exactly, one value, no duplicate member names. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private static JsonNode schemaNode;
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schemaNode = JSON.readTree(Files.readString(SCHEMA, StandardCharsets.UTF_8));
    schema = REGISTRY.getSchema(schemaNode);
  }

  // the schema itself

  @Test
  void schemaFile_againstTheDraft202012MetaSchema_isValid() {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of(DIALECT));

    List<Error> errors = meta.validate(schemaNode);

    assertWithMessage("%s against the 2020-12 meta-schema", SCHEMA).that(errors).isEmpty();
    assertThat(schemaNode.path("$schema").asText()).isEqualTo(DIALECT);
  }

  @Test
  void schemaFile_everyPattern_compilesAsARegularExpression() {
    List<String> patterns = new ArrayList<>();
    collectPatterns(schemaNode, patterns);
    List<String> broken = new ArrayList<>();
    for (String pattern : patterns) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        broken.add(pattern + ": " + e.getDescription());
      }
    }

    assertThat(patterns.size()).isAtLeast(8);
    assertThat(broken).isEmpty();
  }

  private static void collectPatterns(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("pattern") && field.getValue().isTextual()) {
          out.add(field.getValue().asText());
        }
        collectPatterns(field.getValue(), out);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collectPatterns(element, out));
    }
  }

  // documents that must be accepted

  @Test
  void recordedDocuments_theReaderAndTheSchema_acceptEveryOne() {
    Map<String, String> documents = recorded();

    for (Map.Entry<String, String> document : documents.entrySet()) {
      assertWithMessage("%s is read", document.getKey())
          .that(readerProblem(document.getValue())).isNull();
      assertWithMessage("schema errors for the recorded document %s", document.getKey())
          .that(schemaErrors(document.getValue())).isEmpty();
    }
    assertThat(documents.keySet()).containsAtLeast("pipeline", "knobs", "serving",
        "pipeline with environment", "pipeline cut at 3 vars", "pipeline cut at 700 bytes",
        "assisted factory", "multibindings");
  }

  @Test
  void edgeDocuments_theReaderAndTheSchema_acceptEveryOne() throws IOException {
    Map<String, String> documents = files(EDGES, path -> path.toString().endsWith(".json"));

    for (Map.Entry<String, String> document : documents.entrySet()) {
      assertWithMessage("%s is read by AiJsonDocument.parse", document.getKey())
          .that(readerProblem(document.getValue())).isNull();
      assertWithMessage("schema errors for %s", document.getKey())
          .that(schemaErrors(document.getValue())).isEmpty();
    }
    assertThat(documents.size()).isAtLeast(10);
  }

  @Test
  void testResources_everyDocumentTheReaderAccepts_isAcceptedByTheSchema() throws IOException {
    Map<String, String> documents = new LinkedHashMap<>();
    // the fuzzers' committed inputs, whatever their names: seeds and regression inputs
    documents.putAll(files(CORPUS, path -> true));
    // every JSON test resource of every module
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.sorted().toList()) {
        documents.putAll(files(module.resolve("src/test/resources"),
            path -> path.toString().endsWith(".json")));
      }
    }

    int accepted = neverStricterThanTheReader(documents);

    // the nine seeds at least; a corpus that reads nothing means the paths are wrong
    assertThat(accepted).isAtLeast(9);
  }

  @Test
  void testSourceTextBlocks_everyDocumentTheReaderAccepts_isAcceptedByTheSchema() throws IOException {
    Map<String, String> documents = new LinkedHashMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.sorted().toList()) {
        for (Map.Entry<String, String> source
            : files(module.resolve("src/test/java"), path -> path.toString().endsWith(".java")).entrySet()) {
          documents.putAll(textBlocks(source.getKey(), source.getValue()));
        }
      }
    }

    int accepted = neverStricterThanTheReader(documents);

    assertThat(accepted).isAtLeast(5);
  }

  @Test
  void mutatedDocuments_everyOneTheReaderAccepts_isAcceptedByTheSchema() {
    Map<String, String> documents = new LinkedHashMap<>();
    for (Hostile hostile : DocumentMutator.mutate(recorded())) {
      documents.put(hostile.toString(), hostile.json());
    }

    neverStricterThanTheReader(documents);

    assertThat(documents.size()).isAtLeast(200);
  }

  /**
   * Checks that the schema accepts every document of {@code documents} that the reader accepts,
   * and returns how many those were.
   */
  private static int neverStricterThanTheReader(Map<String, String> documents) {
    int accepted = 0;
    List<String> stricter = new ArrayList<>();
    for (Map.Entry<String, String> document : documents.entrySet()) {
      if (readerProblem(document.getValue()) != null) {
        continue;
      }
      accepted++;
      List<String> errors = schemaErrors(document.getValue());
      if (!errors.isEmpty()) {
        stricter.add(document.getKey() + ": " + errors);
      }
    }
    assertWithMessage("documents AiJsonDocument.parse accepts but the schema refuses")
        .that(stricter).isEmpty();
    return accepted;
  }

  @Test
  void formatDoc_workedExample_isTheDocumentRecordedToday() throws IOException {
    String format = Files.readString(ROOT.resolve("docs/FORMAT.md"), StandardCharsets.UTF_8);
    int section = format.indexOf("\n## A worked example\n");
    assertWithMessage("docs/FORMAT.md has its worked example").that(section).isAtLeast(0);
    int start = format.indexOf("```json\n", section) + "```json\n".length();
    String example = format.substring(start, format.indexOf("```\n", start));

    assertThat(example).isEqualTo(RealDocuments.pipeline());
    assertThat(schemaErrors(example)).isEmpty();
  }

  // documents that must be refused

  @Test
  void brokenDocuments_theSchemaAndTheReader_refuseEveryOne() throws IOException {
    Map<String, String> documents = files(BROKEN, path -> path.toString().endsWith(".json"));

    for (Map.Entry<String, String> document : documents.entrySet()) {
      String name = document.getKey();
      // well-formed JSON, so that it is the schema that refuses it, not the JSON syntax
      assertWithMessage("%s is well-formed JSON", name).that(jsonProblem(document.getValue())).isNull();
      if (!name.contains("/root-")) {
        // a document broken in one place, not a stray value
        assertWithMessage("%s is an object", name).that(document.getValue().strip()).startsWith("{");
      }
      assertWithMessage("%s is refused by the schema", name)
          .that(schemaErrors(document.getValue())).isNotEmpty();
      assertWithMessage("%s is refused by AiJsonDocument.parse", name)
          .that(readerProblem(document.getValue())).isNotNull();
      // both refuse the same node: the schema names it or, for a missing member, its parent
      String readerPath = readerPath(document.getValue());
      assertWithMessage("%s: where the schema's errors are, against the reader's %s", name, readerPath)
          .that(schemaErrorLocations(document.getValue()).stream()
              .anyMatch(at -> readerPath.equals(at) || readerPath.startsWith(at + "/")))
          .isTrue();
    }
    assertThat(documents.size()).isAtLeast(40);
  }

  // helpers

  /**
   * The recorded documents: the hardening fixtures, also with an environment and cut short, and
   * an assisted-inject factory with what it made.
   */
  static Map<String, String> recorded() {
    Map<String, String> documents = new LinkedHashMap<>(RealDocuments.all());
    Injector injector = Guice.createInjector(new AiJsonModule(), new Pipeline.TrainingModule());
    Pipeline.Classifier classifier = injector.getInstance(Pipeline.Classifier.class);
    injector.getInstance(Pipeline.Trainer.class).fit(classifier, 5, 0.1);
    String withEnvironment = injector.getInstance(AiJsonLog.class).toJson();
    assertWithMessage("a default recording has an environment section")
        .that(withEnvironment).contains("\"environment\": {");
    documents.put("pipeline with environment", withEnvironment);
    injector = Guice.createInjector(new AiJsonModule().withVarCap(3), new Pipeline.TrainingModule());
    classifier = injector.getInstance(Pipeline.Classifier.class);
    injector.getInstance(Pipeline.Trainer.class).fit(classifier, 5, 0.1);
    String cut = injector.getInstance(AiJsonLog.class).toJson();
    assertWithMessage("a recording past its cap says so").that(cut).contains("\"cut\": {");
    documents.put("pipeline cut at 3 vars", cut);
    injector = Guice.createInjector(new AiJsonModule().withByteBudget(700), new Pipeline.TrainingModule());
    classifier = injector.getInstance(Pipeline.Classifier.class);
    injector.getInstance(Pipeline.Trainer.class).fit(classifier, 5, 0.1);
    String cutAtBytes = injector.getInstance(AiJsonLog.class).toJson();
    assertWithMessage("a recording past its byte budget says so")
        .that(cutAtBytes).contains("\"bytes\": 700,");
    documents.put("pipeline cut at 700 bytes", cutAtBytes);
    injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AssistedPipeline.EncoderModule());
    injector.getInstance(AssistedPipeline.TextPipeline.class);
    String assisted = injector.getInstance(AiJsonLog.class).toJson();
    assertWithMessage("an assisted factory is recorded as one").that(assisted).contains("\"kind\": \"factory\"");
    documents.put("assisted factory", assisted);
    injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new MultibindingModule());
    injector.getInstance(Decoders.class);
    String multibindings = injector.getInstance(AiJsonLog.class).toJson();
    assertWithMessage("each kind of multibinding is recorded").that(multibindings)
        .contains("\"caller\": \"OptionalBinder\"");
    documents.put("multibindings", multibindings);
    return documents;
  }

  /** A set, a map and two optional bindings (one left at its default, one set), as plugins are wired. */
  static final class MultibindingModule extends AbstractModule {
    @Override
    protected void configure() {
      Multibinder.newSetBinder(binder(), String.class).addBinding().toInstance("greedy");
      MapBinder.newMapBinder(binder(), String.class, Integer.class).addBinding("beam").toInstance(4);
      OptionalBinder.newOptionalBinder(binder(), Double.class).setDefault().toInstance(0.7);
      OptionalBinder.newOptionalBinder(binder(), Long.class).setDefault().toInstance(1L);
      OptionalBinder.newOptionalBinder(binder(), Long.class).setBinding().toInstance(42L);
    }
  }

  /** Takes every multibinding of {@link MultibindingModule}. */
  static final class Decoders {
    @Inject
    Decoders(Set<String> strategies, Map<String, Integer> widths, Optional<Double> temperature, Long seed) {}
  }

  /** Returns the messages of the schema's errors for {@code json}, empty if it is valid. */
  private static List<String> schemaErrors(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of("not JSON: " + e.getOriginalMessage());
    }
    List<String> messages = new ArrayList<>();
    for (Error error : schema.validate(node)) {
      messages.add(error.toString());
    }
    return messages;
  }

  /** Returns the JSON Pointer of every node the schema's errors for {@code json} are about. */
  private static List<String> schemaErrorLocations(String json) {
    List<String> locations = new ArrayList<>();
    try {
      for (Error error : schema.validate(JSON.readTree(json))) {
        locations.add(error.getInstanceLocation().toString());
      }
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + e.getOriginalMessage(), e);
    }
    return locations;
  }

  /** Returns why {@code json} is not one well-formed JSON value, or null if it is. */
  private static String jsonProblem(String json) {
    try {
      JSON.readTree(json);
      return null;
    } catch (JsonProcessingException e) {
      return e.getOriginalMessage();
    }
  }

  /** Returns why {@link AiJsonDocument#parse} refuses {@code json}, or null if it reads it. */
  private static String readerProblem(String json) {
    try {
      AiJsonDocument.parse(json);
      return null;
    } catch (AiJsonException e) {
      return e.getMessage();
    }
  }

  /** Returns the JSON Pointer of the first problem {@link AiJsonDocument#parse} finds in {@code json}. */
  private static String readerPath(String json) {
    try {
      AiJsonDocument.parse(json);
    } catch (AiJsonException e) {
      return e.path();
    }
    throw new AssertionError("read without a problem: " + json);
  }

  private interface Filter {
    boolean test(Path path);
  }

  /** Returns the text of every regular file under {@code folder} that {@code filter} takes. */
  private static Map<String, String> files(Path folder, Filter filter) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) {
      return texts;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).filter(filter::test).sorted().toList()) {
        // named from the repository, so that a file reached by two paths is read once
        texts.put(REPOSITORY.relativize(path.toAbsolutePath().normalize()).toString(), read(path));
      }
    }
    return texts;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[ \\t]*\\n(.*?)\"\"\"", Pattern.DOTALL);

  /**
   * Returns the text blocks of a Java source that look like documents (a JSON object naming
   * "aijson"), by source and line, with the escapes and indentation of text blocks applied.
   */
  private static Map<String, String> textBlocks(String source, String java) {
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher matcher = TEXT_BLOCK.matcher(java);
    while (matcher.find()) {
      String text;
      try {
        // the content ends with the closing delimiter's indentation, which counts, as in javac
        text = matcher.group(1).stripIndent().translateEscapes();
      } catch (IllegalArgumentException e) {
        continue; // an escape of its own, such as a formatted template
      }
      if (text.strip().startsWith("{") && text.contains("\"aijson\"")) {
        int line = (int) java.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
        blocks.put(source + ":" + line, text);
      }
    }
    return blocks;
  }
}
