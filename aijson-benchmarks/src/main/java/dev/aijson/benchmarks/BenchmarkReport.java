package dev.aijson.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.ReplayModule;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs every benchmark of this module and writes {@code docs/BENCHMARKS.md}: the ratio of each
 * aijson operation to its baseline measured in the same run, the growth from 10,000 to 100,000
 * vars, the heap a log holds per var (and, with no target, the heap a replayed injector holds),
 * every raw JMH score, the machine and the JMH settings.
 *
 * <pre>{@code
 * java -cp ... dev.aijson.benchmarks.BenchmarkReport --out docs/BENCHMARKS.md
 * java -cp ... dev.aijson.benchmarks.BenchmarkReport --report-only   # rewrite from saved results
 * }</pre>
 *
 * <p>Options: {@code --out FILE}, {@code --results DIR} (where the JMH JSON and the heap results
 * go), {@code --notes FILE} (hand-written findings appended to the report), {@code --forks N}
 * (below 10,000 vars, default 3), {@code --medium-forks N} (from 10,000 below 100,000, default 2),
 * {@code --steady-forks N} (of the benchmarks without a size, default 2), {@code --warmups N},
 * {@code --long-warmups N} (of the provision, replay and parse benchmarks, below 100,000 vars),
 * {@code --iterations N}, {@code --millis MS} (of each measured iteration),
 * {@code --warmup-millis MS} (of each warm-up iteration, default 1,500), {@code
 * --sizes 1000,10000}, {@code --include REGEX} (the sized benchmarks; default the rows of the
 * targets), {@code --steady REGEX} (the benchmarks without a size, run once; {@code none} skips
 * them), {@code --exclude REGEX} (default {@code replayPreparedModule}; {@code none} runs it too),
 * {@code --large-forks N}, {@code --large-warmups N}, {@code --large-iterations N}, {@code
 * --large-prewarm-millis MS} (for 100,000 vars: how long each fork first runs its benchmark on
 * the 1,000-var graph, default 5,000; see {@link Fixtures#PREWARM_MILLIS}), {@code
 * --steady-prewarm-millis MS} (how long each fork of the benchmarks without a size first
 * provisions on one thread, default 2,500; see {@link SteadyStateBenchmark#PREWARM_MILLIS}),
 * {@code --steady-warmups N} (their warm-up iterations after it, default 1) and {@code
 * --report-only}.
 */
public final class BenchmarkReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = BenchmarkReport.class.getPackageName() + ".";
  // A young generation of a fixed 256 MB: the first write to each page of memory the JVM has
  // reserved is a page fault, about 6 µs a 4 KB page on this kind of machine (pre-touching a 4 GB
  // heap takes 6 s). With G1 sizing the young generation of a 4 GB heap itself, a fork allocated
  // into pages never touched before for its whole run, and plain Guice's createInjector + roots
  // of 1,000 vars took 14.6 ms instead of 3.2 ms, a cost proportional to what each side
  // allocates, not to its code. A fixed young generation is touched in full in the first second
  // of warm-up and then reused, as in a service that has run for a while.
  private static final List<String> FORK_JVM_ARGS = List.of("-Xms4g", "-Xmx4g", "-Xmn256m");
  // The forks at 100,000 vars pre-touch their heap as well: each of their calls promotes tens of
  // megabytes into the old generation, which the 1,000-var pre-warm never reaches, so without it
  // their calls paid for the first touch of the old generation's pages, a cost of the fork's
  // age (a service's heap has been touched) that falls on whichever side promotes more. It takes
  // about 4.6 s a fork, which only the 100,000-var rounds' few forks can afford.
  private static final List<String> LARGE_JVM_ARGS = List.of("-XX:+AlwaysPreTouch");
  // 2 GB holds every log these benchmarks grow
  private static final List<String> STEADY_JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-Xmn256m");
  private static final int[] HEAP_SIZES = {10_000, 100_000};
  // a replay of 100,000 vars and its readings take about 20 s, more than the run's budget has
  // room for; per var it holds about what one of 10,000 does (792 against 738 bytes, measured once)
  private static final int[] REPLAY_HEAP_SIZES = {10_000};
  /** The directory, among the results, of each size's recorded document: see {@link Fixtures#recordedJson}. */
  private static final String DOCUMENTS = "documents";
  private static final int HEAP_REPEATS = 3;
  private static final double HEAP_TARGET = 120;
  private static final double GROWTH_TARGET = 11;
  /**
   * The benchmarks that warm up longer (below 100,000 vars): the JIT takes about 7 s to compile
   * {@code from(json)}'s reader and checker, and with 2 warm-up iterations of 1.5 s a replay of
   * 1,000 vars was still falling from 9.5 to 5.5 ms a call in the measured ones ({@code readTree}
   * settles in 3 s); on a slower machine, recording a graph was still 19 ms a call 4.6 s into a
   * JVM and 5.6 ms at 11.5 s, where plain Guice's was 4.5 ms by 4.8 s.
   */
  private static final String LONG_WARMUP = "\\.(ReplayBenchmark|ParseBenchmark|ProvisionBenchmark)\\.";
  /**
   * The benchmarks run at 1,000 vars only (below {@link #MEDIUM}): each call of theirs makes an
   * injector first, untimed, which at 10,000 vars takes 60 to 100 ms for a call measured in 2 to
   * 20 ms, and at 100,000 vars a second or more. The 10-minute budget has no room for that beside
   * the longer warm-ups (at 10,000 vars they took 4 of a run's forks, about 40 s), and what the
   * row shows, recording against its floor, does not change with the size.
   */
  private static final String SMALL_ONLY = "\\.ProvisionBenchmark\\.provisionOnly";
  /** Sizes from this many vars on get the fewer iterations of a large run. */
  private static final int LARGE = 100_000;
  /**
   * Sizes from this many vars below {@link #LARGE} get {@code --medium-forks}: each call of theirs
   * takes 50 to 150 ms, so a fork of theirs costs more than one at 1,000 vars. From this size on
   * the {@link #SMALL_ONLY} benchmarks are not run.
   */
  private static final int MEDIUM = 10_000;

  /** A measured operation, its baseline from the same run, and the most their ratio may be. */
  private record Pair(String measure, String baselineName, String benchmark, String subject,
      String baseline, double target) {
    boolean hasTarget() {
      return target > 0;
    }
  }

  private static final List<Pair> PAIRS = List.of(
      new Pair("provisioning a graph with `AiJsonModule` installed: `createInjector` + every root",
          "the same graph, plain Guice", "ProvisionBenchmark", "withAiJsonModule", "plainGuice", 1.3),
      new Pair("provisioning a graph with `AiJsonModule` installed: provisioning alone (injector made"
              + " beforehand, untimed)", "the same, plain Guice",
          "ProvisionBenchmark", "provisionOnlyWithAiJsonModule", "provisionOnlyPlainGuice", 1.5),
      new Pair("steady state: one injector, " + String.format(Locale.ROOT, "%,d", SteadyStateBenchmark.PROVISIONS)
              + " `getInstance` of an unscoped component with two constants and a singleton, recording on",
          "recording off (plain Guice)", "SteadyStateBenchmark", "withAiJsonModule", "plainGuice", 1.5),
      new Pair("steady state with " + ConcurrentProvisionBenchmark.THREADS + " threads provisioning from one"
              + " injector, recording on", "recording off (plain Guice), " + ConcurrentProvisionBenchmark.THREADS
              + " threads", "ConcurrentProvisionBenchmark", "withAiJsonModule", "plainGuice", 1.5),
      new Pair("provisioning bindings that the module's matcher excludes: `createInjector` + every"
              + " root", "plain Guice", "ProvisionBenchmark", "excludedByMatcher", "plainGuice", 1.05),
      new Pair("provisioning bindings that the module's matcher excludes: provisioning alone",
          "plain Guice", "ProvisionBenchmark", "provisionOnlyExcludedByMatcher",
          "provisionOnlyPlainGuice", 1.05),
      new Pair("`createInjector(ReplayModule.from(json))` + `getInstance` of every root",
          "`createInjector` of the hand-written module + `getInstance` of every root",
          "ReplayBenchmark", "replayModule", "handWrittenModule", 1.5),
      new Pair("`toJson()` of the log", "Jackson writing an equivalent tree of maps",
          "ExportBenchmark", "aijsonToJson", "jacksonWriteTree", 1.5),
      new Pair("`ReplayModule.from(json)` (parse + validate)", "Jackson `readTree` of the same text",
          "ParseBenchmark", "replayModuleFrom", "jacksonReadTree", 2),
      new Pair("(no target) replay with the module already made: `createInjector(module)` +"
              + " `getInstance` of every root", "the hand-written module",
          "ReplayBenchmark", "replayPreparedModule", "handWrittenModule", 0),
      new Pair("(no target) the floor of any log of every provision, provisioning a graph alone: a"
              + " listener keeping one weak reference per provision", "plain Guice",
          "ProvisionBenchmark", "provisionOnlyKeepingListener", "provisionOnlyPlainGuice", 0),
      new Pair("(no target) provisioning a graph alone, recording on", "that floor",
          "ProvisionBenchmark", "provisionOnlyWithAiJsonModule", "provisionOnlyKeepingListener", 0),
      new Pair("(no target) the floor of any log of every provision, steady state: a listener keeping"
              + " one weak reference per provision", "plain Guice",
          "SteadyStateBenchmark", "keepingListener", "plainGuice", 0),
      new Pair("(no target) steady state, recording on", "that floor",
          "SteadyStateBenchmark", "withAiJsonModule", "keepingListener", 0),
      new Pair("(no target) the floor of any log of every provision, " + ConcurrentProvisionBenchmark.THREADS
              + " threads", "plain Guice, " + ConcurrentProvisionBenchmark.THREADS + " threads",
          "ConcurrentProvisionBenchmark", "keepingListener", "plainGuice", 0),
      new Pair("(no target) " + ConcurrentProvisionBenchmark.THREADS + " threads, recording on", "that floor",
          "ConcurrentProvisionBenchmark", "withAiJsonModule", "keepingListener", 0));

  private BenchmarkReport() {}

  /**
   * Runs the benchmarks (unless {@code --report-only}) and writes the report.
   *
   * @param args the options described on the class
   * @throws Exception if a benchmark fails or a file cannot be written
   */
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    Files.createDirectories(settings.results);
    Path runJson = settings.results.resolve("run.json");
    if (!settings.reportOnly) {
      Instant start = Instant.now();
      ObjectNode run = JSON.createObjectNode();
      run.set("machine", machine());
      run.put("loadAverageAtStart", load());
      checkFixture();
      run.set("heap", heap("a log", HEAP_SIZES, HeapPerVar::measure));
      run.set("replayHeap", heap("a replayed injector", REPLAY_HEAP_SIZES, HeapPerVar::measureReplay));
      runJmh(settings, settings.results);
      run.put("loadAverageAtEnd", load());
      run.put("started", start.toString());
      run.put("seconds", Duration.between(start, Instant.now()).toSeconds());
      run.set("settings", settings.toJson());
      Files.writeString(runJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
    }
    JsonNode run = JSON.readTree(runJson.toFile());
    List<String> ranSizes = List.of(run.path("settings").path("sizes").asText(String.join(", ", settings.sizes)).split(", "));
    String report = report(jmhResults(settings.results, ranSizes), run, settings.notes);
    Files.createDirectories(settings.out.toAbsolutePath().getParent());
    Files.writeString(settings.out, report, StandardCharsets.UTF_8);
    System.out.println("wrote " + settings.out);
  }

  /** Checks that a replay of the recorded graph gives the graph, so that the benchmarks compare like with like. */
  private static void checkFixture() {
    Graph graph = Graph.ofVars(1_000);
    String json = Fixtures.record(graph).toJson();
    Injector plain = Guice.createInjector(graph.module());
    Injector replayed = Guice.createInjector(ReplayModule.allowing("dev.aijson.benchmarks.model").from(json));
    List<Key<?>> roots = graph.roots();
    for (Key<?> root : roots) {
      String expected = Graph.describe(plain.getInstance(root));
      String actual = Graph.describe(replayed.getInstance(root));
      if (!expected.equals(actual)) {
        throw new IllegalStateException("replay of " + root + " gave " + actual + ", not " + expected);
      }
    }
    Object first = replayed.getInstance(roots.get(0));
    Object last = replayed.getInstance(roots.get(roots.size() - 1));
    if (first == replayed.getInstance(roots.get(0)) || !Graph.shareVocabulary(first, last)) {
      throw new IllegalStateException("replay lost the scopes of the graph");
    }
    System.out.println("fixture checked: a replay of the recorded graph rebuilds every root");
  }

  private static ArrayNode heap(String what, int[] sizes, BiFunction<Integer, Integer, HeapPerVar.Result> measure) {
    ArrayNode results = JSON.createArrayNode();
    for (int vars : sizes) {
      HeapPerVar.Result result = measure.apply(vars, HEAP_REPEATS);
      ObjectNode node = results.addObject();
      node.put("vars", vars);
      node.put("retained", result.retained());
      ArrayNode samples = node.putArray("samples");
      for (long sample : result.samples()) {
        samples.add(sample);
      }
      System.out.printf(Locale.ROOT, "heap held by %s of %,d vars: %,d bytes, %.0f bytes per var%n",
          what, vars, result.retained(), result.bytesPerVar());
    }
    return results;
  }

  /**
   * Runs every sized benchmark once per size, one size after the other, and within a size in
   * rounds of one fork of each benchmark, so that fork k of an aijson benchmark and fork k of its
   * baseline are measured seconds apart (a shared machine's speed drifts over minutes, and the
   * spread of a ratio pairs fork k with fork k); the largest size, whose calls take seconds, gets
   * fewer iterations. Then the steady-state benchmarks, in rounds too, which have no size and
   * choose their own thread count.
   */
  private static void runJmh(Settings settings, Path results) throws RunnerException, IOException {
    // an earlier run's results must not be read as this run's (a run that matches nothing leaves
    // its file empty, and a run with fewer forks writes fewer rounds)
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(f -> RESULT_FILE.matcher(f.getFileName().toString()).matches()).toList()) {
        Files.delete(file);
      }
    }
    // each size's document recorded once, here, rather than again in each replay and parse fork
    // (a recording of 100,000 vars and its JSON take seconds)
    Fixtures.writeDocuments(results.resolve(DOCUMENTS), settings.sizes.stream().map(Integer::valueOf).toList());
    for (String size : settings.sizes) {
      int vars = Integer.parseInt(size);
      boolean large = vars >= LARGE;
      int forks = large ? settings.largeForks : vars >= MEDIUM ? settings.mediumForks : settings.forks;
      for (int round = 1; round <= forks; round++) {
        ChainedOptionsBuilder options = sized(settings, settings.include, large, size,
            results.resolve("jmh-" + size + "-r" + round + ".json"));
        if (vars >= MEDIUM) {
          options.exclude(SMALL_ONLY);
        }
        if (!large && settings.longWarmups != settings.warmups) {
          options.exclude(LONG_WARMUP);
          // the same benchmarks of the include pattern that warm up longer
          String warmingLonger = "^(?=.*" + LONG_WARMUP + ")(?=.*(" + settings.include + "))";
          ChainedOptionsBuilder longer = sized(settings, warmingLonger, false, size,
              results.resolve("jmh-" + size + "-long-r" + round + ".json"))
              .warmupIterations(settings.longWarmups);
          if (vars >= MEDIUM) {
            longer.exclude(SMALL_ONLY);
          }
          runAny(longer);
        }
        runAny(options);
      }
    }
    if (!settings.steady.equals("none")) {
      for (int round = 1; round <= settings.steadyForks; round++) {
        List<String> jvmArgs = new ArrayList<>(STEADY_JVM_ARGS);
        if (settings.steadyPrewarmMillis > 0) {
          jvmArgs.add("-D" + SteadyStateBenchmark.PREWARM_MILLIS + "=" + settings.steadyPrewarmMillis);
        }
        new Runner(options(settings, settings.steady, false, jvmArgs)
            .warmupIterations(settings.steadyWarmups)
            .result(results.resolve("jmh-steady-r" + round + ".json").toString()).build()).run();
      }
    }
  }

  /**
   * Runs the benchmarks {@code options} match, if any: with every sized benchmark among those that
   * warm up longer, a size's other run matches none, which JMH reports as an error.
   */
  private static void runAny(ChainedOptionsBuilder options) throws RunnerException {
    try {
      new Runner(options.build()).run();
    } catch (NoBenchmarksException e) {
      // nothing of this run's include pattern is left; the other run of the size has them
    }
  }

  /** Returns the options of one size's run of the benchmarks {@code include} matches, into {@code file}. */
  private static ChainedOptionsBuilder sized(Settings settings, String include, boolean large,
      String size, Path file) {
    List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
    jvmArgs.add("-D" + Fixtures.DOCUMENTS + "=" + file.toAbsolutePath().getParent().resolve(DOCUMENTS));
    if (large) {
      jvmArgs.addAll(LARGE_JVM_ARGS);
    }
    if (large && settings.largePrewarmMillis > 0) {
      jvmArgs.add("-D" + Fixtures.PREWARM_MILLIS + "=" + settings.largePrewarmMillis);
    }
    return options(settings, include, large, jvmArgs)
        .threads(1)
        .param("vars", size)
        .result(file.toString());
  }

  private static ChainedOptionsBuilder options(Settings settings, String include, boolean large,
      List<String> jvmArgs) {
    return new OptionsBuilder()
        .include(include)
        .exclude(settings.exclude)
        .forks(1) // one fork a round: see runJmh
        .warmupIterations(large ? settings.largeWarmups : settings.warmups)
        .warmupTime(TimeValue.milliseconds(settings.warmupMillis))
        .measurementIterations(large ? settings.largeIterations : settings.iterations)
        .measurementTime(TimeValue.milliseconds(settings.millis))
        .jvmArgsAppend(jvmArgs.toArray(new String[0]))
        .resultFormat(ResultFormatType.JSON);
  }

  /**
   * Returns every result of the JMH runs in {@code results}, smallest size first: each benchmark
   * and size once, with the forks of its rounds in round order (fork k of its raw data is round
   * k's) and its score and error worked out again from every measured iteration, as JMH does for
   * the forks of one run.
   */
  private static JsonNode jmhResults(Path results, List<String> sizes) throws IOException {
    List<String> names = new ArrayList<>(sizes);
    names.add("steady");
    List<Path> files;
    try (Stream<Path> listed = Files.list(results)) {
      files = listed.filter(f -> RESULT_FILE.matcher(f.getFileName().toString()).matches()).toList();
    }
    Map<String, ObjectNode> merged = new LinkedHashMap<>();
    for (String name : names) {
      List<Path> ofName = files.stream()
          .filter(f -> name.equals(RESULT_FILE.matcher(f.getFileName().toString()).replaceFirst("$1")))
          .sorted(Comparator.comparingInt(BenchmarkReport::round)
              .thenComparing(f -> f.getFileName().toString()))
          .toList();
      for (Path file : ofName) {
        if (Files.size(file) == 0) {
          continue; // a run that matched nothing
        }
        for (JsonNode result : JSON.readTree(file.toFile())) {
          String key = result.path("benchmark").asText() + " " + result.path("params");
          ObjectNode known = merged.get(key);
          if (known == null) {
            merged.put(key, result.deepCopy());
          } else {
            ((ArrayNode) known.path("primaryMetric").path("rawData"))
                .addAll((ArrayNode) result.path("primaryMetric").path("rawData"));
          }
        }
      }
    }
    ArrayNode all = JSON.createArrayNode();
    for (ObjectNode result : merged.values()) {
      ObjectNode metric = (ObjectNode) result.path("primaryMetric");
      List<Double> values = new ArrayList<>();
      metric.path("rawData").forEach(fork -> fork.forEach(value -> values.add(value.asDouble())));
      ListStatistics statistics =
          new ListStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
      metric.put("score", statistics.getMean());
      metric.put("scoreError", values.size() > 1 ? statistics.getMeanErrorAt(0.999) : Double.NaN);
      all.add(result);
    }
    return all;
  }

  /** A results file of this report: {@code jmh-SIZE[-long]-rROUND.json}, or {@code steady} for SIZE. */
  private static final Pattern RESULT_FILE = Pattern.compile("jmh-(\\d+|steady)(-long)?(-r(\\d+))?\\.json");

  /** Returns the round of a results file, 0 for the files of a run without rounds. */
  private static int round(Path file) {
    Matcher matcher = RESULT_FILE.matcher(file.getFileName().toString());
    return matcher.matches() && matcher.group(4) != null ? Integer.parseInt(matcher.group(4)) : 0;
  }

  // ---------------------------------------------------------------- the report

  /**
   * One JMH score: the mean with its error, and the median of the measured iterations, which a
   * load spike on a shared machine moves less.
   */
  private record Score(String benchmark, String method, int vars, double score, double error,
      double median, List<Double> iterations, List<Double> forkMedians, String unit) {
    double relativeError() {
      return Double.isNaN(error) || score == 0 ? 0 : error / score;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String report(JsonNode jmh, JsonNode run, Path notes) throws IOException {
    List<Score> scores = new ArrayList<>();
    for (JsonNode result : jmh) {
      String name = result.get("benchmark").asText().substring(PACKAGE.length());
      int dot = name.lastIndexOf('.');
      JsonNode metric = result.get("primaryMetric");
      List<Double> iterations = new ArrayList<>();
      List<Double> forkMedians = new ArrayList<>();
      metric.get("rawData").forEach(fork -> {
        List<Double> ofFork = new ArrayList<>();
        fork.forEach(value -> ofFork.add(value.asDouble()));
        iterations.addAll(ofFork);
        forkMedians.add(median(ofFork));
      });
      scores.add(new Score(name.substring(0, dot), name.substring(dot + 1),
          result.path("params").path("vars").asInt(0), metric.get("score").asDouble(),
          metric.get("scoreError").asDouble(), median(iterations), iterations, forkMedians,
          metric.get("scoreUnit").asText()));
    }
    StringBuilder out = new StringBuilder();
    out.append("# Benchmarks\n\n");
    out.append("Generated by `bash aijson-benchmarks/run.sh` from the JMH results of one run (do not"
        + " edit by hand; the findings at the end come from `aijson-benchmarks/FINDINGS.md`). Run ")
        .append(run.path("started").asText("?")).append(", ")
        .append(String.format(Locale.ROOT, "%.1f", run.path("seconds").asDouble() / 60))
        .append(" minutes in all, build excluded.\n\n");
    out.append("Every ratio divides the aijson score by its baseline's score for the same graph size,"
        + " both measured in the same run, one after the other, on the same machine. Each is shown"
        + " as the ratio of the medians of all measured iterations with its spread across forks"
        + " (the least and most of the ratio of fork k's medians), and a target is met only when"
        + " the figure and the whole spread are; the ratio of the JMH means, with its error"
        + " propagated from the two 99.9% confidence intervals, is shown beside it in the table by"
        + " size."
        + " The machine was shared with other builds while this ran (see the load averages"
        + " below), so absolute times are noisy and a single ratio can be off by tens of percent;"
        + " read the ratios across sizes together.\n\n");

    summary(out, scores, run);
    details(out, scores);
    growth(out, scores);
    heapSection(out, run);
    raw(out, scores);
    machineSection(out, run);
    if (notes != null && Files.exists(notes)) {
      out.append("\n").append(Files.readString(notes, StandardCharsets.UTF_8).strip()).append("\n");
    }
    return out.toString();
  }

  private static void summary(StringBuilder out, List<Score> scores, JsonNode run) {
    out.append("## Targets\n\n");
    out.append("Each figure is the ratio of the medians of all measured iterations; in brackets, the"
        + " spread: the least and the most of the same ratio taken fork by fork (the median of"
        + " fork k of the aijson side over the median of fork k of the baseline). The figure can lie"
        + " outside its spread when the two sides' medians of all iterations come from different"
        + " forks (a slow fork on one side, a fast one on the other). A target is met only when the"
        + " figure and the whole spread are within it.\n\n");
    out.append("| measure | compared with | measured [spread across forks] | target | |\n|---|---|---|---|---|\n");
    List<String> notRun = new ArrayList<>();
    for (Pair pair : PAIRS) {
      if (!pair.hasTarget()) {
        continue;
      }
      List<String> ratios = new ArrayList<>();
      double worst = Double.NaN;
      for (int vars : sizes(scores, pair.benchmark)) {
        Optional<Ratio> ratio = ratio(scores, pair, vars);
        if (ratio.isPresent()) {
          ratios.add(ratio.get().show() + (vars == 0 ? "" : " at " + count(vars)));
          worst = Double.isNaN(worst) ? ratio.get().worst() : Math.max(worst, ratio.get().worst());
        }
      }
      if (ratios.isEmpty()) {
        notRun.add(pair.measure);
        continue;
      }
      out.append("| ").append(pair.measure).append(" | ").append(pair.baselineName).append(" | ")
          .append(String.join("; ", ratios)).append(" | at most ")
          .append(format(pair.target)).append("× | ").append(verdict(worst, pair.target)).append(" |\n");
    }
    for (Pair pair : PAIRS) {
      if (!pair.hasTarget()) {
        continue;
      }
      Optional<Ratio> growth = growth(scores, pair.benchmark, pair.subject);
      if (growth.isEmpty()) {
        continue;
      }
      Optional<Ratio> baselineGrowth = growth(scores, pair.benchmark, pair.baseline);
      out.append("| growth from 10,000 to 100,000 vars: ").append(pair.measure).append(" | linear would be 10×")
          .append(baselineGrowth.map(g -> "; the baseline grew " + g.show()).orElse(""))
          .append(" | ").append(growth.get().show())
          .append(" | at most 11× | ").append(verdict(growth.get().worst(), GROWTH_TARGET)).append(" |\n");
    }
    JsonNode heap = run.path("heap");
    for (JsonNode result : heap) {
      int vars = result.get("vars").asInt();
      double perVar = result.get("retained").asDouble() / vars;
      double most = perVar;
      double least = perVar;
      for (JsonNode sample : result.path("samples")) {
        most = Math.max(most, sample.asDouble() / vars);
        least = Math.min(least, sample.asDouble() / vars);
      }
      out.append("| heap held by the log per var (").append(count(vars))
          .append(" vars, objects released) | | ")
          .append(String.format(Locale.ROOT, "%.0f bytes [%.0f–%.0f across tries]", perVar, least, most))
          .append(" | at most ").append(format(HEAP_TARGET)).append(" bytes | ")
          .append(verdict(most, HEAP_TARGET)).append(" |\n");
    }
    out.append("\n");
    if (!notRun.isEmpty()) {
      out.append("Not run by default (to keep the run under 10 minutes on 2 cores; `--include` runs"
          + " them): ").append(String.join("; ", notRun)).append(".\n\n");
    }
  }

  private static void details(StringBuilder out, List<Score> scores) {
    out.append("## Ratios by size\n\n");
    out.append("| measure | vars | aijson, median | baseline, median | ratio of medians |"
        + " spread across forks | ratio of means | target | |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Pair pair : PAIRS) {
      for (int vars : sizes(scores, pair.benchmark)) {
        Optional<Score> subject = find(scores, pair.benchmark, pair.subject, vars);
        Optional<Score> baseline = find(scores, pair.benchmark, pair.baseline, vars);
        Optional<Ratio> ratio = ratio(scores, pair, vars);
        if (subject.isEmpty() || baseline.isEmpty() || ratio.isEmpty()) {
          continue;
        }
        Ratio r = ratio.get();
        out.append("| ").append(pair.measure).append(" | ").append(vars == 0 ? "" : count(vars)).append(" | ")
            .append(String.format(Locale.ROOT, "%.3f %s", subject.get().median, subject.get().unit)).append(" | ")
            .append(String.format(Locale.ROOT, "%.3f %s", baseline.get().median, baseline.get().unit)).append(" | ")
            .append(String.format(Locale.ROOT, "%.2f×", r.medians)).append(" | ")
            .append(String.format(Locale.ROOT, "%.2f×–%.2f×", r.low, r.high)).append(" | ")
            .append(String.format(Locale.ROOT, "%.2f× ± %.2f", r.means, r.error))
            .append(" | ").append(pair.hasTarget() ? "≤ " + format(pair.target) + "×" : "")
            .append(" | ").append(pair.hasTarget() ? verdict(r.worst(), pair.target) : "").append(" |\n");
      }
    }
    out.append("\n");
  }

  private static void growth(StringBuilder out, List<Score> scores) {
    out.append("## Growth from 10,000 to 100,000 vars\n\n");
    out.append("Median at 100,000 vars divided by the median at 10,000 (linear is 10×), with the spread"
        + " of the same quotient fork by fork. Baselines are shown for comparison; the target"
        + " applies to aijson's side.\n\n");
    out.append("| benchmark | aijson or baseline | growth [spread] | target | |\n|---|---|---:|---:|---|\n");
    List<String> seen = new ArrayList<>();
    for (Pair pair : PAIRS) {
      for (String method : List.of(pair.subject, pair.baseline)) {
        String name = pair.benchmark + "." + method;
        if (seen.contains(name)) {
          continue;
        }
        seen.add(name);
        boolean subject = method.equals(pair.subject);
        Optional<Ratio> growth = growth(scores, pair.benchmark, method);
        if (growth.isEmpty()) {
          continue;
        }
        boolean judged = subject && pair.hasTarget();
        out.append("| `").append(name).append("` | ").append(subject ? "aijson" : "baseline").append(" | ")
            .append(growth.get().show()).append(" | ")
            .append(judged ? "≤ 11×" : "").append(" | ")
            .append(judged ? verdict(growth.get().worst(), GROWTH_TARGET) : "").append(" |\n");
      }
    }
    out.append("\n");
  }

  private static void heapSection(StringBuilder out, JsonNode run) {
    out.append("## Heap held by the log\n\n");
    out.append("A graph is recorded, its injector and objects are released, and the used heap after"
        + " full GCs with the `AiJsonLog` still reachable is compared with the used heap after the"
        + " log is released too (the median of " + HEAP_REPEATS + " tries, in the report's own JVM,"
        + " G1, after one warm-up recording).\n\n");
    heapTable(out, "retained by the log", run.path("heap"));
    if (run.has("replayHeap")) {
      out.append("No target: the heap a serving process keeps for a replay, its injector (made from"
          + " `ReplayModule.from(json)` of the graph's document, every root provisioned once) with"
          + " the replay module, the document and the replay plan it holds, measured the same way"
          + " with the injector reachable and released (the document's text is reachable in"
          + " both).\n\n");
      heapTable(out, "retained by the replayed injector", run.path("replayHeap"));
    }
  }

  private static void heapTable(StringBuilder out, String retainedBy, JsonNode results) {
    out.append("| vars | ").append(retainedBy).append(" | per var | samples (bytes) |\n|---:|---:|---:|---|\n");
    for (JsonNode result : results) {
      int vars = result.get("vars").asInt();
      long retained = result.get("retained").asLong();
      List<String> samples = new ArrayList<>();
      result.get("samples").forEach(sample -> samples.add(String.format(Locale.ROOT, "%,d", sample.asLong())));
      out.append("| ").append(count(vars)).append(" | ")
          .append(String.format(Locale.ROOT, "%,d bytes", retained)).append(" | ")
          .append(String.format(Locale.ROOT, "%.0f bytes", (double) retained / vars)).append(" | ")
          .append(String.join(", ", samples)).append(" |\n");
    }
    out.append("\n");
  }

  private static void raw(StringBuilder out, List<Score> scores) {
    out.append("## Raw scores\n\n");
    out.append("| benchmark | vars | mean | ± (99.9%) | median | measured iterations | unit |\n");
    out.append("|---|---:|---:|---:|---:|---|---|\n");
    for (Score score : scores) {
      out.append("| `").append(score.benchmark).append('.').append(score.method).append("` | ")
          .append(count(score.vars)).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", score.score)).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", score.error)).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", score.median)).append(" | ")
          .append(String.join(", ", score.iterations.stream()
              .map(v -> String.format(Locale.ROOT, "%.3f", v)).toList())).append(" | ")
          .append(score.unit).append(" |\n");
    }
    out.append("\n");
  }

  private static void machineSection(StringBuilder out, JsonNode run) {
    JsonNode machine = run.path("machine");
    JsonNode settings = run.path("settings");
    // the size from which the provision-only benchmarks were left out (runs before it was
    // recorded left them out at 100,000 vars)
    boolean smallOnly = settings.path("provisionOnlyBelow").asInt(LARGE) <= MEDIUM;
    out.append("## Machine and settings\n\n");
    out.append("- cores: ").append(machine.path("cores").asText()).append(" (")
        .append(machine.path("cpu").asText("cpu model unknown")).append(")\n");
    out.append("- memory: ").append(machine.path("memory").asText("unknown")).append("\n");
    out.append("- JVM: ").append(machine.path("jvm").asText()).append(", collectors ")
        .append(machine.path("gc").asText()).append("\n");
    out.append("- OS: ").append(machine.path("os").asText()).append("\n");
    out.append("- load average (1 min) at start and end: ").append(run.path("loadAverageAtStart").asText())
        .append(" and ").append(run.path("loadAverageAtEnd").asText()).append("\n");
    out.append("- JMH ").append(machine.path("jmh").asText()).append(": mode average time, ")
        .append(settings.path("forks").asInt()).append(" forks per benchmark below 10,000 vars and ")
        .append(settings.path("mediumForks").asInt(settings.path("forks").asInt()))
        .append(" from 10,000 (")
        .append(settings.path("steadyForks").asInt(settings.path("forks").asInt()))
        .append(" for the steady-state benchmarks), ")
        .append(settings.path("rounds").asBoolean()
            ? "run in rounds (round k runs fork k of every benchmark of a size, so that fork k of an"
                + " aijson benchmark and fork k of its baseline, which the spread pairs, are measured"
                + " seconds apart, not minutes), "
            : "")
        .append(settings.path("warmups").asInt()).append(" warm-up iterations of ")
        .append(settings.path("warmupMillis").asInt(settings.path("millis").asInt()))
        .append(" ms (").append(settings.path("longWarmups").asInt(settings.path("warmups").asInt()))
        .append(" for `ProvisionBenchmark`, `ReplayBenchmark` and `ParseBenchmark`: the JIT takes about 7 s"
            + " to compile `from(json)`, and on a slow machine 10 s to compile recording) and ")
        .append(settings.path("iterations").asInt()).append(" measured iterations of ")
        .append(settings.path("millis").asInt()).append(" ms each; the provision-only benchmarks")
        .append(smallOnly ? " at 1,000 vars only (each of their calls makes an injector first, untimed: at 10,000"
            + " vars 60 to 100 ms for a call measured in 2 to 20 ms)" : " not at 100,000 vars (each of their"
            + " calls makes an injector of 100,000 vars first)")
        .append("; at 100,000 vars, whose calls take up to seconds, ")
        .append(settings.path("largeForks").asInt(settings.path("forks").asInt()))
        .append(" forks of ")
        .append(settings.path("largePrewarmMillis").asInt() > 0
            ? String.format(Locale.ROOT, "%,d ms of pre-warm (each fork first runs its own benchmark on"
                + " the 1,000-var graph, so that the JIT has compiled its code before the first call of"
                + " seconds: with one warm-up call instead, the measured calls were still being"
                + " compiled, the aijson side, which has more code, more than its baseline), ",
                settings.path("largePrewarmMillis").asInt())
            : "")
        .append(settings.path("largeWarmups").asInt()).append(" warm-up and ")
        .append(settings.path("largeIterations").asInt()).append(" measured iterations (an iteration runs at")
        .append(" least one call, so a longer call makes its iteration longer); ")
        .append(settings.path("steadyPrewarmMillis").asInt() > 0
            ? String.format(Locale.ROOT, "each fork of the steady-state benchmarks first provisions for"
                + " %,d ms on one thread, %,d provisions from one new injector after another, then runs %d"
                + " warm-up iteration%s (with %d threads and warm-up iterations alone, each iteration's"
                + " new injector sent the compiled provision path back to the interpreter while the"
                + " threads kept the JIT compiler off the cores, and recording was measured mostly"
                + " while it was compiled again); ",
                settings.path("steadyPrewarmMillis").asInt(), SteadyStateBenchmark.PROVISIONS,
                settings.path("steadyWarmups").asInt(), settings.path("steadyWarmups").asInt() == 1 ? "" : "s",
                ConcurrentProvisionBenchmark.THREADS)
            : "")
        .append("1 thread but for `")
        .append("ConcurrentProvisionBenchmark` (").append(ConcurrentProvisionBenchmark.THREADS)
        .append(" threads); fork JVM options `")
        .append(String.join(" ", FORK_JVM_ARGS)).append("` (`").append(String.join(" ", STEADY_JVM_ARGS))
        .append("` for the steady-state benchmarks; the young generation is fixed, so that it is"
            + " touched in full during warm-up: a young generation G1 kept growing into memory never"
            + " touched before made each score pay a page fault per 4 KB allocated; with `")
        .append(String.join(" ", LARGE_JVM_ARGS)).append("` too at ").append(String.format(Locale.ROOT, "%,d", LARGE))
        .append(" vars, whose calls promote tens of megabytes into an old generation that the"
            + " warm-up never reaches, and paid for the first touch of its pages); sizes ")
        .append(settings.path("sizes").asText()).append(", run one after the other, each size's benchmarks")
        .append(" in name order (those that warm up longer first), so that a score and its baseline")
        .append(" are measured close together\n");
    out.append("- `ProvisionBenchmark.provisionOnly*` create a fresh injector before every call"
        + " (`Level.Invocation`, not measured), so their scores are provisioning (and recording)"
        + " alone; `SteadyStateBenchmark` makes one injector per iteration and calls "
        + String.format(Locale.ROOT, "%,d", SteadyStateBenchmark.PROVISIONS) + " `getInstance` a call,"
        + " scored per provision (the log grows through the iteration, as in a service);"
        + " `ConcurrentProvisionBenchmark` makes one injector per iteration, shared by its threads,"
        + " and calls " + String.format(Locale.ROOT, "%,d", ConcurrentProvisionBenchmark.BATCH)
        + " `getInstance` a call on each thread;"
        + " every other benchmark measures exactly the expression it is named after, the"
        + " graph being made once per fork (`Level.Trial`) and each size's recorded document once"
        + " per run, before the forks, which read it.\n\n");
  }

  // ---------------------------------------------------------------- arithmetic

  private static List<Integer> sizes(List<Score> scores, String benchmark) {
    return scores.stream().filter(s -> s.benchmark.equals(benchmark)).map(s -> s.vars).distinct().sorted().toList();
  }

  private static Optional<Score> find(List<Score> scores, String benchmark, String method, int vars) {
    return scores.stream()
        .filter(s -> s.benchmark.equals(benchmark) && s.method.equals(method) && s.vars == vars)
        .findFirst();
  }

  /**
   * A ratio of two scores: of their medians over every measured iteration, its least and most
   * value fork by fork, and the ratio of the JMH means with its propagated error.
   */
  private record Ratio(double medians, double low, double high, double means, double error) {
    /**
     * Returns what a target is judged by: the most of the spread, or the ratio of the medians
     * when that is higher (it can be: the medians of all iterations may come from different forks
     * on the two sides).
     */
    double worst() {
      return Math.max(medians, high);
    }

    String show() {
      return String.format(Locale.ROOT, "%.2f× [%.2f×–%.2f×]", medians, low, high);
    }
  }

  /** Returns the ratio of subject to baseline, with its spread across forks. */
  private static Optional<Ratio> ratio(List<Score> scores, Pair pair, int vars) {
    Optional<Score> subject = find(scores, pair.benchmark, pair.subject, vars);
    Optional<Score> baseline = find(scores, pair.benchmark, pair.baseline, vars);
    if (subject.isEmpty() || baseline.isEmpty()) {
      return Optional.empty();
    }
    double means = subject.get().score / baseline.get().score;
    double error = means * Math.hypot(subject.get().relativeError(), baseline.get().relativeError());
    return Optional.of(quotient(subject.get(), baseline.get(), means, error));
  }

  /** Returns {@code top}'s median over {@code bottom}'s, and the same fork by fork. */
  private static Ratio quotient(Score top, Score bottom, double means, double error) {
    double medians = top.median / bottom.median;
    double low = medians;
    double high = medians;
    int forks = Math.min(top.forkMedians.size(), bottom.forkMedians.size());
    if (forks > 0) {
      low = Double.MAX_VALUE;
      high = -Double.MAX_VALUE;
      for (int k = 0; k < forks; k++) {
        double value = top.forkMedians.get(k) / bottom.forkMedians.get(k);
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
    return new Ratio(medians, low, high, means, error);
  }

  private static Optional<Ratio> growth(List<Score> scores, String benchmark, String method) {
    Optional<Score> small = find(scores, benchmark, method, 10_000);
    Optional<Score> large = find(scores, benchmark, method, 100_000);
    if (small.isEmpty() || large.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(quotient(large.get(), small.get(), large.get().score / small.get().score, 0));
  }

  private static String verdict(double measured, double target) {
    return Double.isNaN(measured) ? "not run" : measured <= target ? "met" : "**missed**";
  }

  private static String count(int vars) {
    return String.format(Locale.ROOT, "%,d", vars);
  }

  private static String format(double target) {
    return target == Math.rint(target) ? String.valueOf((long) target) : String.valueOf(target);
  }

  // ---------------------------------------------------------------- the machine

  private static ObjectNode machine() {
    ObjectNode machine = JSON.createObjectNode();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
    machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"));
    machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")");
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    machine.put("jmh", Optional.ofNullable(Runner.class.getPackage().getImplementationVersion()).orElse("1.37"));
    machine.put("date", DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atOffset(ZoneOffset.UTC)));
    machine.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(java.lang.management.GarbageCollectorMXBean::getName).toList().toString());
    return machine;
  }

  private static Optional<String> firstValue(Path file, String field) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(field))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  // ---------------------------------------------------------------- options

  /** The command line. */
  private static final class Settings {
    Path out = Path.of("docs/BENCHMARKS.md");
    Path results = Path.of("aijson-benchmarks/target/benchmark-results");
    Path notes = Path.of("aijson-benchmarks/FINDINGS.md");
    // 3 forks at 1,000 vars, 2 at the larger sizes and for the steady state: what keeps the run
    // under 10 minutes on 2 cores (3 forks of everything took 11.6 minutes on a slow machine)
    int forks = 3;
    int mediumForks = 2;
    int largeForks = 2;
    int steadyForks = 2;
    int warmups = 2;
    int longWarmups = 4;
    int iterations = 4;
    // at 100,000 vars a call takes one to two seconds, so one warm-up call left most of the JIT's
    // work to the measured calls (the aijson side, more code, measured colder than its baseline):
    // each fork runs its benchmark on the 1,000-var graph first, in place of its warm-up
    // iterations, for a little less than the smaller sizes' 6 s of warm-up (6 s of pre-warm made
    // the run 9.5 and 10.0 minutes long)
    int largeWarmups = 0;
    int largePrewarmMillis = 5000;
    int largeIterations = 2;
    // the steady-state benchmarks: each fork first provisions on one thread from one new injector
    // after another (see SteadyStateBenchmark.PREWARM_MILLIS); with 16 threads and two warm-up
    // iterations alone, recording was measured while the JIT compiled it again and again. One
    // warm-up iteration after the pre-warm keeps the run under 10 minutes.
    int steadyPrewarmMillis = 2500;
    int steadyWarmups = 1;
    int millis = 500;
    // a replay of 10,000 vars takes about 0.1 s a call: half-second warm-ups left it measured
    // before the JIT had compiled it (its iterations still fell by half within a fork)
    int warmupMillis = 1500;
    List<String> sizes = List.of("1000", "10000", "100000");
    // the rows of the targets and the floor of provisioning alone (so that each run says how far
    // recording is above it); the excluded-bindings and export rows (met in earlier rounds) only
    // with --include, so that three forks of everything fit in 10 minutes on 2 cores
    String include = "\\.(ProvisionBenchmark\\.(plainGuice|withAiJsonModule|provisionOnlyPlainGuice"
        + "|provisionOnlyWithAiJsonModule|provisionOnlyKeepingListener)"
        + "|ReplayBenchmark\\.(handWrittenModule|replayModule)"
        + "|ParseBenchmark\\.(jacksonReadTree|replayModuleFrom))$";
    String steady = "\\.(SteadyStateBenchmark|ConcurrentProvisionBenchmark)\\.";
    // informative only, and the run must stay under 10 minutes on 2 cores: --exclude none adds it
    String exclude = "replayPreparedModule";
    boolean reportOnly;

    static Settings parse(String[] args) {
      Settings settings = new Settings();
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--report-only")) {
          settings.reportOnly = true;
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          values.put(args[i].substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException("unknown option " + args[i] + "; see the javadoc of BenchmarkReport");
        }
      }
      values.forEach((name, value) -> {
        switch (name) {
          case "out" -> settings.out = Path.of(value);
          case "results" -> settings.results = Path.of(value);
          case "notes" -> settings.notes = Path.of(value);
          case "forks" -> settings.forks = Integer.parseInt(value);
          case "medium-forks" -> settings.mediumForks = Integer.parseInt(value);
          case "steady-forks" -> settings.steadyForks = Integer.parseInt(value);
          case "warmups" -> settings.warmups = Integer.parseInt(value);
          // --replay-warmups: its name while only the replay and parse benchmarks warmed up longer
          case "long-warmups", "replay-warmups" -> settings.longWarmups = Integer.parseInt(value);
          case "iterations" -> settings.iterations = Integer.parseInt(value);
          case "large-warmups" -> settings.largeWarmups = Integer.parseInt(value);
          case "large-forks" -> settings.largeForks = Integer.parseInt(value);
          case "large-iterations" -> settings.largeIterations = Integer.parseInt(value);
          case "large-prewarm-millis" -> settings.largePrewarmMillis = Integer.parseInt(value);
          case "steady-prewarm-millis" -> settings.steadyPrewarmMillis = Integer.parseInt(value);
          case "steady-warmups" -> settings.steadyWarmups = Integer.parseInt(value);
          case "millis" -> settings.millis = Integer.parseInt(value);
          case "warmup-millis" -> settings.warmupMillis = Integer.parseInt(value);
          case "steady" -> settings.steady = value;
          case "sizes" -> settings.sizes = List.of(value.split(","));
          case "include" -> settings.include = value;
          case "exclude" -> settings.exclude = value;
          default -> throw new IllegalArgumentException("unknown option --" + name);
        }
      });
      return settings;
    }

    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("rounds", true);
      node.put("forks", forks);
      node.put("mediumForks", mediumForks);
      node.put("largeForks", largeForks);
      node.put("steadyForks", steadyForks);
      node.put("warmups", warmups);
      node.put("longWarmups", longWarmups);
      node.put("iterations", iterations);
      node.put("largeWarmups", largeWarmups);
      node.put("largeIterations", largeIterations);
      node.put("largePrewarmMillis", largePrewarmMillis);
      node.put("steadyPrewarmMillis", steadyPrewarmMillis);
      node.put("steadyWarmups", steadyWarmups);
      node.put("millis", millis);
      node.put("warmupMillis", warmupMillis);
      node.put("steady", steady);
      node.put("sizes", String.join(", ", sizes));
      node.put("include", include);
      node.put("exclude", exclude);
      node.put("provisionOnlyBelow", MEDIUM);
      return node;
    }
  }
}
