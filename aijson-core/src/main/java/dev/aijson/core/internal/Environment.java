package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The optional {@code environment} section: the Java version, the versions of named libraries,
 * and for each recorded class the jar (or class folder) it came from, by file name only so that
 * documents stay portable, with the jar's version where its manifest gives one. Written in a
 * fixed order, so that the same classpath gives the same section. Replay compares it with where
 * the classes come from now, and reports what differs as warnings, never as errors.
 */
public final class Environment {
  static final String JAVA = "java";
  static final String CLASSES = "classes";

  private Environment() {}

  /**
   * Where a class was loaded from.
   *
   * @param jar the jar's file name, or null for a class folder
   * @param folder the class folder's name, or null for a jar
   * @param version the jar's Implementation-Version (else Bundle-Version), or null
   */
  record Origin(String jar, String folder, String version) {
    Map<String, Object> toSection() {
      Map<String, Object> section = new LinkedHashMap<>();
      if (jar != null) {
        section.put("jar", jar);
      }
      if (folder != null) {
        section.put("folder", folder);
      }
      if (version != null) {
        section.put("version", version);
      }
      return section;
    }

    String describe() {
      String where = jar != null ? jar : folder != null ? "the class folder " + folder : "an unknown place";
      return where + (version == null ? "" : " (version " + version + ")");
    }
  }

  /**
   * Returns the Java version as {@code java.version} gives it, such as {@code 17.0.15}, taken
   * from {@link Runtime#version()} so that replay reads no system property.
   */
  static String javaVersion() {
    return JAVA_VERSION;
  }

  private static final String JAVA_VERSION = Runtime.version().version().stream().map(String::valueOf)
      .collect(java.util.stream.Collectors.joining("."));

  /**
   * Returns where {@code type} was loaded from, or null for a class of the JDK or one whose
   * origin cannot be read.
   *
   * @param jarVersions a cache of versions by jar path, filled as jars are read
   */
  static Origin origin(Class<?> type, Map<String, String> jarVersions) {
    java.util.concurrent.atomic.AtomicReference<Object> known = ORIGINS.get(type);
    Object origin = known.get();
    if (origin == null) {
      origin = originNow(type, jarVersions);
      known.set(origin == null ? NO_ORIGIN : origin);
    }
    return origin == NO_ORIGIN ? null : (Origin) origin;
  }

  // where a loaded class came from does not change while it is loaded: it is read once per class
  // (its code source, a stat of the file and the jar's manifest, read for every injector made,
  // were 4.5% of a 1,000-var replay's CPU samples). Kept by the class, not by jar path:
  // a jar replaced on disk and loaded again by another class loader gives new classes, read anew.
  private static final Object NO_ORIGIN = new Object();
  private static final ClassValue<java.util.concurrent.atomic.AtomicReference<Object>> ORIGINS =
      new ClassValue<>() {
        @Override
        protected java.util.concurrent.atomic.AtomicReference<Object> computeValue(Class<?> type) {
          return new java.util.concurrent.atomic.AtomicReference<>();
        }
      };

  private static Origin originNow(Class<?> type, Map<String, String> jarVersions) {
    CodeSource source;
    try {
      source = type.getProtectionDomain().getCodeSource();
    } catch (RuntimeException e) {
      return null;
    }
    URL location = source == null ? null : source.getLocation();
    if (location == null || "jrt".equals(location.getProtocol())) {
      return null;
    }
    Package pkg = type.getPackage();
    String packageVersion = pkg == null ? null : pkg.getImplementationVersion();
    if (!"file".equals(location.getProtocol())) {
      // nested jars of fat-jar launchers: jar:file:/app.jar!/BOOT-INF/lib/x.jar!/
      String path = location.getPath().replaceAll("!/*$", "");
      String name = path.substring(path.lastIndexOf('/') + 1);
      return name.isEmpty() ? null : new Origin(name, null, packageVersion);
    }
    Path file;
    try {
      file = Path.of(URI.create(location.toString().replace(" ", "%20")));
    } catch (RuntimeException e) {
      return null;
    }
    if (file.getFileName() == null) {
      return null;
    }
    String name = file.getFileName().toString();
    if (Files.isDirectory(file)) {
      return new Origin(null, name, null);
    }
    String version = jarVersions.computeIfAbsent(file.toString(), k -> jarVersion(file));
    return new Origin(name, null, version.isEmpty() ? packageVersion : version);
  }

  /** Returns the jar's version from its manifest, or "" if it has none. */
  private static String jarVersion(Path jar) {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return "";
      }
      Attributes main = manifest.getMainAttributes();
      String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
      if (version == null) {
        version = main.getValue("Bundle-Version");
      }
      return version == null ? "" : version.trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * Returns the section for the given recorded classes.
   *
   * @param classes the recorded classes, by binary name
   * @param libraries classes that stand for a library whose version is written under its name
   * @param jarVersions a cache of versions by jar path
   */
  public static Map<String, Object> capture(
      Map<String, Class<?>> classes, Map<String, Class<?>> libraries,
      Map<String, String> jarVersions) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put(JAVA, javaVersion());
    for (Map.Entry<String, Class<?>> library : sorted(libraries).entrySet()) {
      if (library.getKey().equals(JAVA) || library.getKey().equals(CLASSES)
          || library.getValue() == null) {
        throw new AiJsonException("/environment", "\"" + library.getKey() + "\" cannot be written"
            + " as a library: the names java and classes are taken and every library needs a class."
            + " Name libraries such as guice, with one of their classes.");
      }
      Origin origin = origin(library.getValue(), jarVersions);
      if (origin != null && origin.version() != null) {
        section.put(library.getKey(), origin.version());
      }
    }
    Map<String, Object> origins = new LinkedHashMap<>();
    for (Map.Entry<String, Class<?>> entry : new TreeMap<>(classes).entrySet()) {
      Origin origin = origin(entry.getValue(), jarVersions);
      if (origin != null) {
        origins.put(entry.getKey(), origin.toSection());
      }
    }
    section.put(CLASSES, origins);
    return section;
  }

  /**
   * Returns what differs between the recorded section and the classes replay uses now, one
   * sentence each; empty when the document has no section.
   *
   * @param recorded the document's environment section
   * @param classes the classes replay loaded, by binary name
   * @param libraries classes that stand for the libraries to compare, by name
   */
  public static List<String> warnings(
      Map<String, Object> recorded, Map<String, Class<?>> classes,
      Map<String, Class<?>> libraries) {
    List<String> warnings = new ArrayList<>();
    if (recorded.isEmpty()) {
      return warnings;
    }
    Map<String, String> jarVersions = new LinkedHashMap<>();
    Object java = recorded.get(JAVA);
    if (java instanceof String version && !version.equals(javaVersion())) {
      warnings.add("The document was recorded on Java " + version + "; this is Java "
          + javaVersion() + ". Replay goes on; if results differ, replay on Java " + version + ".");
    } else if (java != null && !(java instanceof String)) {
      warnings.add(malformed("/environment/java", "a version string"));
    }
    for (Map.Entry<String, Class<?>> library : sorted(libraries).entrySet()) {
      if (library.getValue() == null) {
        continue;
      }
      Object was = recorded.get(library.getKey());
      Origin now = origin(library.getValue(), jarVersions);
      String current = now == null ? null : now.version();
      if (was instanceof String version && current != null && !version.equals(current)) {
        warnings.add("The document was recorded with " + library.getKey() + " " + version
            + "; this is " + library.getKey() + " " + current + ". Replay goes on; if results"
            + " differ, replay with " + library.getKey() + " " + version + ".");
      } else if (was != null && !(was instanceof String)) {
        warnings.add(malformed(AiJsonException.pointer("environment", library.getKey()),
            "a version string"));
      }
    }
    Object section = recorded.get(CLASSES);
    if (section != null && !(section instanceof Map)) {
      warnings.add(malformed("/environment/classes", "an object of classes"));
      return warnings;
    }
    Map<?, ?> recordedClasses = section == null ? Map.of() : (Map<?, ?>) section;
    for (Map.Entry<?, ?> entry : recordedClasses.entrySet()) {
      String name = (String) entry.getKey();
      Class<?> type = classes.get(name);
      if (type == null) {
        continue;
      }
      String pointer = AiJsonException.pointer("environment", CLASSES, name);
      if (!(entry.getValue() instanceof Map<?, ?> fields)) {
        warnings.add(malformed(pointer, "an object with jar or folder and version"));
        continue;
      }
      Origin was = new Origin(text(fields.get("jar")), text(fields.get("folder")),
          text(fields.get("version")));
      Origin now = origin(type, jarVersions);
      if (now != null && !now.equals(was)) {
        warnings.add(name + " was recorded from " + was.describe() + "; it is now loaded from "
            + now.describe() + ". Replay goes on; if results differ, put the recorded version"
            + " on the classpath.");
      }
    }
    return warnings;
  }

  /** Returns the libraries sorted by name; a null name cannot be written, so it is refused. */
  private static Map<String, Class<?>> sorted(Map<String, Class<?>> libraries) {
    Map<String, Class<?>> sorted = new TreeMap<>();
    libraries.forEach((name, type) -> {
      if (name == null) {
        throw new AiJsonException("/environment", "A library has no name. Name each library,"
            + " such as Map.of(\"guice\", Guice.class).");
      }
      sorted.put(name, type);
    });
    return sorted;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  private static String malformed(String pointer, String expected) {
    return "The environment section is not as aijson writes it at " + pointer + " (expected "
        + expected + "), so it was not compared there. Re-record the document to fix it.";
  }

  /** Returns the class {@code name} as {@code hint}'s class loader sees it, or null. */
  public static Class<?> load(String name, Object hint) {
    ClassLoader loader = hint == null ? null : hint.getClass().getClassLoader();
    if (hint != null && hint.getClass().getName().equals(name)) {
      return hint.getClass();
    }
    try {
      return Class.forName(name, false, loader != null ? loader
          : Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
              Environment.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
