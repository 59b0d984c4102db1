package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Writes RELIABILITY.md from the figures the other hardening tests left in {@code
 * target/reliability} and from the fuzzing campaigns in {@code fuzz-campaigns.jsonl}. Runs last,
 * in the {@code report} execution. Always writes {@code target/reliability/RELIABILITY.md};
 * rewrites {@code docs/RELIABILITY.md} with {@code -Dreliability.write=true}.
 */
class ReliabilityReportTest {
  /** Every row the build must have produced. */
  private static final List<String> ROWS = List.of("1-fuzz-parse", "1-fuzz-replayer",
      "1-fuzz-replay-module", "1-fuzz-replay-module-edited", "2-hostile-documents",
      "3-security-dangerous-classes", "3-security-system-properties", "3-security-files",
      "3-security-code", "4-faults-write", "4-faults-race", "5-load-threads", "5-memory-million",
      "5-memory-million-constant", "5-memory-read-factor");
  private static final Map<String, String> SECTIONS = Map.of("1", "Fuzzing", "2", "Hostile documents",
      "3", "Security", "4", "Faults", "5", "Load and memory");
  private static final Map<String, String> FUZZ_INPUTS = Map.of(
      "AiJsonDocument.parse", "DocumentFuzzTestInputs/parse",
      "AiJsonReplayer.of", "DocumentFuzzTestInputs/replayer",
      "ReplayModule.from", "ReplayModuleFuzzTestInputs/from",
      "ReplayModule.from, edited documents", "ReplayModuleFuzzTestInputs/edited");

  @Test
  void report_fromThisBuildsFigures_coversEveryPromise() throws IOException {
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    try (Stream<Path> files = Files.list(Figures.folder())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Map<String, Object> row = Json.object(Files.readString(file, StandardCharsets.UTF_8));
        rows.put((String) row.get("id"), row);
      }
    }
    assertWithMessage("rows of figures in %s", Figures.folder()).that(rows.keySet()).containsAtLeastElementsIn(ROWS);

    String report = render(rows, campaigns());
    Files.writeString(Figures.folder().resolve("RELIABILITY.md"), report, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("reliability.write")) {
      Path docs = Path.of(System.getProperty("reliability.docs", "../docs/RELIABILITY.md"));
      Files.createDirectories(docs.getParent());
      Files.writeString(docs, report, StandardCharsets.UTF_8);
    }
  }

  /** Fuzzing campaigns by target, in the order of the file. */
  private static Map<String, List<Map<String, Object>>> campaigns() throws IOException {
    Path file = Path.of(System.getProperty("fuzz.campaigns", "fuzz-campaigns.jsonl"));
    Map<String, List<Map<String, Object>>> byTarget = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          Map<String, Object> campaign = Json.object(line);
          byTarget.computeIfAbsent((String) campaign.get("target"), t -> new ArrayList<>()).add(campaign);
        }
      }
    }
    return byTarget;
  }

  private static String render(
      Map<String, Map<String, Object>> rows, Map<String, List<Map<String, Object>>> campaigns)
      throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# Reliability\n\n")
        .append("What aijson promises, what the hardening tests tried and what came of it. This file is\n")
        .append("generated: `ReliabilityReportTest` (module `aijson-hardening`) writes it from the figures the\n")
        .append("tests of one `mvn -B verify` left in `aijson-hardening/target/reliability/`, and from the\n")
        .append("fuzzing campaigns in `aijson-hardening/fuzz-campaigns.jsonl`. Do not edit it; regenerate it\n")
        .append("with `mvn -B verify -Dreliability.write=true`. Figures of the build of ")
        .append(rows.values().stream().map(r -> String.valueOf(r.get("at"))).max(String::compareTo)
            .orElse("?").substring(0, 10))
        .append(", on ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");
    out.append("| | Promise | What was tried | Result |\n|---|---|---|---|\n");
    String section = "";
    int number = 0;
    for (Map<String, Object> row : rows.values()) {
      String id = (String) row.get("id");
      String prefix = id.substring(0, id.indexOf('-'));
      if (!prefix.equals(section)) {
        section = prefix;
        number = 0;
        out.append("| **").append(prefix).append("** | **").append(SECTIONS.getOrDefault(prefix, ""))
            .append("** | | |\n");
      }
      out.append("| ").append(prefix).append('.').append(++number).append(" | ")
          .append(cell(row.get("promise"))).append(" | ").append(cell(row.get("tried"))).append(" | ")
          .append(cell(row.get("result"))).append(" |\n");
    }
    out.append("\n")
        .append("## Replay security\n")
        .append("\n")
        .append("A document is input: it can come from anywhere a model registry or a colleague got it. The\n")
        .append("threat is a document that names a class the serving code never meant to run: a library's Guice\n")
        .append("`Module` whose `@Provides` method has side effects, a package-private `@Inject` class whose\n")
        .append("constructor does, a provider, or a JDK class. So replay constructs, calls and injects only in the\n")
        .append("packages the serving code allowed (`ReplayModule.allowing(\"com.acme.models\")`,\n")
        .append("`AiJsonReplayer.allowing(...)` or `allowPackages(...)`) and in types and methods annotated\n")
        .append("`@AiJson`, whose author opted in; an `@Inject` constructor, a `Module` class or an `@Provides`\n")
        .append("method alone is not enough. A module class is made only through a non-private constructor\n")
        .append("(the one that takes its recorded fields, else its no-argument constructor), never through\n")
        .append("`setAccessible` on a private one. A class is loaded without being\n")
        .append("initialised until it has been allowed, and values are decoded by declared type only. Row 3.2\n")
        .append("counts what the default policy refused.\n");
    out.append("\n## Fuzzing campaigns\n\n")
        .append("Each campaign ran one target with `JAZZER_FUZZ=1` (`aijson-hardening/fuzz.sh TARGET SECONDS`);\n")
        .append("an input that failed became a committed regression input, replayed by every build, and was\n")
        .append("fixed in the main code.\n\n")
        .append("| Target | Campaigns | Time fuzzed | Executions | Campaigns that found a failure | Committed regression inputs |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Map<String, Object>>> target : campaigns.entrySet()) {
      long seconds = 0;
      long executions = 0;
      int findings = 0;
      for (Map<String, Object> campaign : target.getValue()) {
        seconds += ((Number) campaign.get("seconds")).longValue();
        executions += ((Number) campaign.get("executions")).longValue();
        findings += Boolean.TRUE.equals(campaign.get("finding")) ? 1 : 0;
      }
      out.append("| ").append(target.getKey()).append(" | ").append(target.getValue().size())
          .append(" | ").append(seconds / 60).append(" min ").append(seconds % 60).append(" s | ")
          .append(String.format("%,d", executions)).append(" | ").append(findings).append(" | ")
          .append(regressionInputs(target.getKey())).append(" |\n");
    }
    return out.toString();
  }

  /** Returns how many committed inputs of the target are past findings rather than seeds. */
  private static long regressionInputs(String target) throws IOException {
    String folder = FUZZ_INPUTS.get(target);
    if (folder == null) {
      return 0;
    }
    Path inputs = Path.of("src/test/resources/dev/aijson/hardening", folder);
    if (!Files.isDirectory(inputs)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(inputs)) {
      return files.filter(f -> !f.getFileName().toString().startsWith("seed-")).count();
    }
  }

  private static String cell(Object text) {
    return String.valueOf(text).replace("|", "\\|").replace("\n", " ");
  }
}
