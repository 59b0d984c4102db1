package dev.aijson.testing;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java source that a test generated against the test class path, and loads a class of
 * it, the way a user would compile the generated code into their own project.
 *
 * <pre>{@code
 * Class<?> module = JavaCompilation.in(folder, getClass().getClassLoader())
 *     .compileAndLoad(source, "dev.aijson.generated.Wiring", "-Werror");
 * }</pre>
 */
public final class JavaCompilation {
  private final Path folder;
  private final ClassLoader parent;

  private JavaCompilation(Path folder, ClassLoader parent) {
    this.folder = folder;
    this.parent = parent;
  }

  /**
   * Returns a compilation that writes sources to {@code folder/src} and classes to {@code
   * folder/classes}, and loads them in a class loader whose parent is {@code parent}.
   */
  public static JavaCompilation in(Path folder, ClassLoader parent) {
    return new JavaCompilation(folder, parent);
  }

  /**
   * Compiles {@code source}, the one top-level class {@code className}, with {@code options}
   * after the class path and output folder, and returns the class, initialised. Fails the test
   * with the compiler's messages if it printed any or did not compile.
   */
  public Class<?> compileAndLoad(String source, String className, String... options)
      throws IOException, ClassNotFoundException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path sources = Files.createDirectories(folder.resolve("src"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, source);
    List<String> arguments = new ArrayList<>(List.of("-classpath", testClassPath(), "-d", classes.toString()));
    arguments.addAll(List.of(options));
    StringWriter errors = new StringWriter();
    boolean ok = compiler.getTask(errors, null, null, arguments, null,
        compiler.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call();
    assertWithMessage("what javac printed for %s", className).that(errors.toString()).isEmpty();
    assertWithMessage("%s compiled", className).that(ok).isTrue();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent);
    return Class.forName(className, true, loader);
  }

  /** Returns the test class path: surefire's own property, else java.class.path, each entry once. */
  public static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    List<String> entries = new ArrayList<>();
    for (String path : List.of(surefire == null ? "" : surefire, System.getProperty("java.class.path"))) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && !entries.contains(entry)) {
          entries.add(entry);
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
