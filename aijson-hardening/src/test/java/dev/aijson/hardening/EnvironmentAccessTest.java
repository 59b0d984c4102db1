package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.guice.ReplayModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents never make replay read an environment variable, a system property or a file other
 * than the document named: system property reads are recorded while documents that name
 * properties, files and variables are replayed; a canary file's access time shows it was not
 * read; and the main code is scanned for every API through which it could read any of them.
 */
class EnvironmentAccessTest {
  private static final String SECRET = "aijson.canary.secret";
  private static final List<Path> MAIN_SOURCES =
      List.of(Path.of("../aijson-core/src/main/java"), Path.of("../aijson-guice/src/main/java"));

  @TempDir Path folder;

  /** Documents that name a property, an environment variable and the canary file everywhere. */
  private List<String> baitDocuments(Path canary) {
    String file = canary.toAbsolutePath().toString();
    List<String> documents = new ArrayList<>();
    for (String bait : List.of("${" + SECRET + "}", "${env:AIJSON_CANARY}", SECRET, file,
        "file://" + file, "$${user.home}", "classpath:" + SECRET)) {
      String quoted = Json.quote(bait).replace("\\", "\\\\").replace("\"", "\\\"");
      documents.add(silent("\"size\": 1, \"name\": " + Json.quote(bait)));
      documents.add(silent("\"size\": " + Json.quote(bait) + ", \"name\": \"n\""));
      documents.add(silent("\"size\": 1, \"name\": \"n\"").replace("\"caller\": \"Silent\",",
          "\"caller\": \"Silent\", \"key\": \"@com.google.inject.name.Named(" + quoted
              + ") dev.aijson.hardening.canary.Silent\","));
      documents.add(doc("\"var0\": {\"kind\": \"constructor\", \"module\": " + Json.quote(bait)
          + ", \"caller\": \"Silent\", \"signature\": [], \"kwargs\": {}}"));
      documents.add(doc("\"var0\": {\"kind\": \"provides\", \"module\": \"java.lang\", \"caller\":"
          + " \"System#getProperty\", \"signature\": [\"java.lang.String\"], \"kwargs\": {\"key\": "
          + Json.quote(bait) + "}}"));
      documents.add(doc("\"var0\": {\"kind\": \"provides\", \"module\": \"java.lang\", \"caller\":"
          + " \"System#getenv\", \"signature\": [\"java.lang.String\"], \"kwargs\": {\"name\": "
          + Json.quote(bait) + "}}"));
      documents.add(doc("\"var0\": {\"kind\": \"constructor\", \"module\": \"java.io\", \"caller\":"
          + " \"FileInputStream\", \"signature\": [\"java.lang.String\"], \"kwargs\": {\"name\": "
          + Json.quote(bait) + "}}"));
      documents.add(doc("\"var0\": {\"kind\": \"provides\", \"module\": \"java.nio.file\", \"caller\":"
          + " \"Files#readString\", \"signature\": [\"java.nio.file.Path\"], \"kwargs\": {\"path\": "
          + Json.quote(bait) + "}}"));
    }
    documents.addAll(RealDocuments.all().values());
    for (Hostile hostile : DocumentMutator.mutate(RealDocuments.all())) {
      documents.add(hostile.json());
    }
    return documents;
  }

  private static String doc(String vars) {
    return "{\"aijson\": 1, \"vars\": {" + vars + "}}";
  }

  private static String silent(String kwargs) {
    return doc("\"var0\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.hardening.canary\","
        + " \"caller\": \"Silent\", \"signature\": [\"int\", \"java.lang.String\"], \"kwargs\": {"
        + kwargs + "}}");
  }

  /** Replays a document from a file, as serving code does, asking for every key it binds. */
  private void replay(String json, Path file) throws IOException {
    Files.writeString(file, json, StandardCharsets.UTF_8);
    try {
      Injector injector = Guice.createInjector(ReplayModule.allowing("dev.aijson.hardening").from(file), new AbstractModule() {
        @Override
        protected void configure() {
          bind(Pipeline.DataSource.class).toInstance(new Pipeline.DataSource("jdbc:serving"));
        }
      });
      for (Map.Entry<Key<?>, Binding<?>> binding : injector.getBindings().entrySet()) {
        injector.getInstance(binding.getKey());
      }
    } catch (RuntimeException e) {
      if (!FuzzRun.isRefusal(e)) {
        throw e;
      }
    }
  }

  @Test
  void replay_ofDocumentsNamingPropertiesAndFiles_readsNoSystemProperty() throws IOException {
    Path canary = Files.writeString(folder.resolve("canary.txt"), "secret");
    Path document = folder.resolve("pipeline.json");
    List<String> documents = baitDocuments(canary);
    for (String json : documents) {
      replay(json, document); // first, so that lazy class initialisation is not counted
    }
    Properties original = System.getProperties();
    RecordingProperties recording = new RecordingProperties(original);
    recording.setProperty(SECRET, "do not read");
    System.setProperties(recording);
    try {
      System.getProperty("aijson.probe");
      assertWithMessage("the recording sees reads").that(recording.read).containsExactly("aijson.probe");
      recording.read.clear();
      for (String json : documents) {
        replay(json, document);
      }
    } finally {
      System.setProperties(original);
    }

    assertWithMessage("system properties read while replaying %s documents", documents.size())
        .that(recording.read).isEmpty();
    assertThat(recording.listed).isFalse();
    Figures.row("3-security-system-properties",
        "Replaying a document reads no system property",
        documents.size() + " documents (naming a canary property, an environment variable and a"
            + " canary file in values, keys, packages and calls of System#getProperty, System#getenv,"
            + " FileInputStream and Files#readString; plus recorded and mutated documents),"
            + " replayed from a file with every bound key requested, System.getProperties()"
            + " replaced by a recording Properties",
        recording.read.size() + " properties read, properties never listed",
        Map.of("documents", documents.size(), "propertiesRead", recording.read.size()));
  }

  @Test
  void replay_ofDocumentsNamingAFile_readsOnlyTheNamedDocument() throws IOException {
    Path canary = Files.writeString(folder.resolve("canary.txt"), "secret");
    assumeTrue(readsUpdateAccessTime(canary), "this file system does not record reads");
    Path document = folder.resolve("pipeline.json");
    List<String> documents = baitDocuments(canary);
    stale(canary);
    FileTime before = accessTime(canary);

    for (String json : documents) {
      replay(json, document);
    }

    assertWithMessage("access time of a file named in every document").that(accessTime(canary))
        .isEqualTo(before);
    Figures.row("3-security-files",
        "Replaying a document reads no file but the document named",
        documents.size() + " documents naming a canary file (by path and URL, in values, keys,"
            + " packages and calls of FileInputStream and Files#readString), replayed from a file",
        "the canary's access time did not change (the file system records reads: checked first)",
        Map.of("documents", documents.size()));
  }

  /** Sets the access time before the modification time, so that relatime records the next read. */
  private static void stale(Path file) throws IOException {
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(null, old, null);
  }

  private static FileTime accessTime(Path file) throws IOException {
    return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).lastAccessTime();
  }

  private static boolean readsUpdateAccessTime(Path file) throws IOException {
    stale(file);
    FileTime before = accessTime(file);
    Files.readString(file);
    return !accessTime(file).equals(before);
  }

  /** The APIs through which code reads the environment, properties, files or the network. */
  private static final Pattern READS = Pattern.compile(
      "System\\.getenv|System\\.getPropert|System\\.getLogger|Integer\\.getInteger|Long\\.getLong"
          + "|Boolean\\.getBoolean|FileInputStream|FileReader|RandomAccessFile|Files\\.read"
          + "|Files\\.newInputStream|Files\\.newBufferedReader|Files\\.lines|Files\\.list|Files\\.walk"
          + "|Files\\.newByteChannel|new URL|URI\\.create|openStream|openConnection|Socket"
          + "|ProcessBuilder|Runtime\\.getRuntime|InitialContext|ScriptEngine|ObjectInputStream"
          + "|ServiceLoader|getResource|new JarFile|Class\\.forName");

  @Test
  void mainCode_readsNoVariablePropertyOrFileButTheDocumentNamed() throws IOException {
    Map<String, List<String>> found = scan(READS);
    List<String> reads = new ArrayList<>();
    found.forEach((file, lines) -> lines.stream().filter(line -> !line.contains("Class.forName"))
        .forEach(line -> reads.add(file + ": " + line)));

    // besides the named document, the environment section reads the manifest of the jar each
    // recorded class was loaded from: a class-path jar found from the class, never a path taken
    // from the document; and writing a file (AiJsonLog.writeTo, the command line's -o) follows
    // the symbolic links of the path its caller gave, so that the file linked to is replaced, and
    // holds a shutdown hook while it writes, which removes the temporary file of a stopped JVM
    assertThat(reads).containsExactly(
        "AtomicFile.java: Runtime.getRuntime().addShutdownHook(removing);",
        "AtomicFile.java: Runtime.getRuntime().removeShutdownHook(hook);",
        "Environment.java: file = Path.of(URI.create(location.toString().replace(\" \", \"%20\")));",
        "Environment.java: try (JarFile file = new JarFile(jar.toFile(), false)) {",
        "DocumentReader.java: try (java.io.InputStream bytes = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file));",
        "AtomicFile.java: target = target.resolveSibling(Files.readSymbolicLink(target));");
  }

  @Test
  void mainCode_loadsClassesWithoutInitialisingThem() throws IOException {
    List<String> loads = new ArrayList<>();
    scan(Pattern.compile("Class\\.forName")).forEach((file, lines) -> lines.forEach(line -> loads.add(line)));

    assertThat(loads).isNotEmpty();
    for (String load : loads) {
      assertWithMessage("a class named in a document is loaded with initialize=false").that(load)
          .containsMatch("Class\\.forName\\([^,]+, false, ");
    }
    Figures.row("3-security-code",
        "Replay has no code path that reads variables, properties or files, or initialises a named class",
        "main sources of aijson-core and aijson-guice scanned for " + READS.pattern().split("\\|").length
            + " APIs (getenv, getProperty, file, URL, socket, process, JNDI, script, ServiceLoader,"
            + " Class.forName)",
        "one file is read: the document the caller names (AiJsonDocument.read(Path), ReplayModule.from(Path)), up to the size limit;"
            + " the environment section reads the manifests of the class-path jars the recorded"
            + " classes came from; " + loads.size()
            + " Class.forName calls, all with initialize=false",
        Map.of("classForName", loads.size()));
  }

  /** Returns the code lines (comments left out) of the main sources that match, by file name. */
  private static Map<String, List<String>> scan(Pattern pattern) throws IOException {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (Path root : MAIN_SOURCES) {
      assertWithMessage("main sources at %s", root.toAbsolutePath()).that(Files.isDirectory(root)).isTrue();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          for (String line : Files.readAllLines(file)) {
            String code = line.strip();
            Matcher matcher = pattern.matcher(code);
            if (!code.startsWith("*") && !code.startsWith("/") && matcher.find()) {
              found.computeIfAbsent(file.getFileName().toString(), f -> new ArrayList<>()).add(code);
            }
          }
        }
      }
    }
    return found;
  }

  /** System properties that remember which were read, and whether they were listed. */
  private static final class RecordingProperties extends Properties {
    private static final long serialVersionUID = 1L;
    final Set<String> read = ConcurrentHashMap.newKeySet();
    volatile boolean listed;

    RecordingProperties(Properties original) {
      for (String name : original.stringPropertyNames()) {
        super.setProperty(name, original.getProperty(name));
      }
    }

    @Override
    public String getProperty(String key) {
      read.add(key);
      return super.getProperty(key);
    }

    @Override
    public String getProperty(String key, String defaultValue) {
      read.add(key);
      return super.getProperty(key, defaultValue);
    }

    @Override
    public Object get(Object key) {
      read.add(String.valueOf(key));
      return super.get(key);
    }

    @Override
    public Enumeration<?> propertyNames() {
      listed = true;
      return super.propertyNames();
    }

    @Override
    public Set<String> stringPropertyNames() {
      listed = true;
      return new TreeSet<>(super.stringPropertyNames());
    }
  }
}
