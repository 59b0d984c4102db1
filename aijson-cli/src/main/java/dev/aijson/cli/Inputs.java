package dev.aijson.cli;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.internal.AtomicFile;
import dev.aijson.core.internal.DocumentReader;
import dev.aijson.core.internal.DocumentWriter;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading documents and class paths, and writing results, with messages for what goes wrong. */
final class Inputs {
  private Inputs() {}

  /** Reads and parses a document; unreadable is a usage failure, invalid an invalid one. */
  static AiJsonDocument read(String command, Path file) {
    return parse(command, file, readText(command, file));
  }

  /**
   * Reads a file as UTF-8 text; unreadable is a usage failure, with a one-line message: a missing
   * file, a folder, a file past the size limit (or a device such as /dev/zero, read only up to
   * it), bytes that are not UTF-8, an empty file.
   */
  static String readText(String command, Path file) {
    String prefix = "aijson " + command + ": ";
    if (Files.isDirectory(file)) {
      throw new Failure(Failure.USAGE, prefix + file + " is a folder, not a file. Pass the path of"
          + " an aijson document.", null);
    }
    String text;
    try {
      // at most the size limit is read: a huge file or /dev/zero is refused, not read whole
      text = DocumentReader.readText(file, AiJsonLimits.defaults().maxChars());
    } catch (NoSuchFileException e) {
      throw new Failure(Failure.USAGE, prefix + file + " does not exist. Check the path.", e);
    } catch (DocumentReader.NotUtf8 e) {
      throw new Failure(Failure.USAGE, prefix + e.getMessage() + ".", e);
    } catch (CharacterCodingException e) {
      throw new Failure(Failure.USAGE, prefix + file + " is not UTF-8 text: it holds a byte"
          + " sequence UTF-8 does not allow. An aijson document is UTF-8: export it again, or"
          + " convert it to UTF-8.", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IOException && String.valueOf(e.getMessage()).startsWith(file + " has more than ")) {
        // the reader's own sentence names the file, the limit and that the rest was not read
        throw new Failure(Failure.USAGE, prefix + e.getMessage() + ".", e);
      }
      throw new Failure(Failure.USAGE, "aijson " + command + ": cannot read " + file + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Check that it is a"
          + " readable UTF-8 file.", e);
    }
    if (text.isBlank()) {
      throw new Failure(Failure.USAGE, prefix + file + " is empty" + (text.isEmpty() ? "" : " (white"
          + " space only)") + ". Pass an aijson document: a JSON object such as {\"aijson\": 1,"
          + " \"vars\": {}}.", null);
    }
    return text;
  }

  /** Parses the text of {@code file} as a document; invalid is an invalid failure. */
  static AiJsonDocument parse(String command, Path file, String json) {
    try {
      return AiJsonDocument.parse(json);
    } catch (AiJsonException e) {
      throw Failure.invalid(command, file + " is not a valid aijson document", e);
    }
  }

  /** A fix that names a class loader the API takes; the commands take {@code --classpath}. */
  private static final java.util.regex.Pattern LOADER_FIX = java.util.regex.Pattern.compile(
      "on the classpath, (?:or )?pass (?:its class loader|a class loader that sees it)"
          + " (?:with withClassLoader\\(\\.\\.\\.\\)|to toJava\\([^)]*\\))");

  /** Returns a problem's message with a class-loader fix in the commands' terms: {@code --classpath}. */
  static String inClasspathTerms(String message) {
    return LOADER_FIX.matcher(message).replaceAll("on --classpath");
  }

  /** Returns a class loader over {@code classPath} (entries separated by the path separator). */
  static ClassLoader classLoader(String command, String classPath) {
    ClassLoader parent = Inputs.class.getClassLoader();
    if (classPath == null || classPath.isEmpty()) {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path;
      try {
        path = Path.of(entry);
      } catch (InvalidPathException e) {
        // quoted with escapes: the entry may hold a NUL or another character a terminal hides
        throw new Failure(Failure.USAGE, "aijson " + command + ": the class path entry "
            + DocumentWriter.quote(entry) + " of --classpath is not a path on this system ("
            + e.getReason() + "). Pass jars and class folders that exist, separated by "
            + File.pathSeparator + ".", e);
      }
      if (!Files.exists(path)) {
        throw new Failure(Failure.USAGE, "aijson " + command + ": the class path entry " + entry
            + " does not exist. Pass jars and class folders that exist, separated by "
            + File.pathSeparator + ".", null);
      }
      try {
        urls.add(path.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new Failure(Failure.USAGE, "aijson " + command + ": the class path entry " + entry
            + " is not a path (" + e.getMessage() + ").", e);
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), parent);
  }

  /**
   * Writes {@code text} to {@code file}, or to {@code out} if {@code file} is null. The file is
   * replaced at once: a write that fails midway (a full disk) leaves its previous content as it
   * was, and no temporary file.
   */
  static void write(String command, Path file, String text, PrintWriter out) {
    write(command, file, text, out, Files::write);
  }

  /** Writes as {@link #write(String, Path, String, PrintWriter)}, the file through {@code writer}. */
  static void write(
      String command, Path file, String text, PrintWriter out, AtomicFile.BytesWriter writer) {
    if (file == null) {
      out.print(text);
      out.flush();
      return;
    }
    try {
      AtomicFile.write(file, text, writer);
    } catch (CharacterCodingException e) {
      throw new Failure(Failure.USAGE, "aijson " + command + ": cannot write " + file + ": the"
          + " output could not be encoded as UTF-8: it holds a lone surrogate, such as a string of"
          + " the document with the escape \\ud800 and no \\udc00-\\udfff after it. Nothing was"
          + " written; " + file + " is as it was. Change that string in the document, for example"
          + " with aijson set.", e);
    } catch (IOException | RuntimeException e) {
      throw new Failure(Failure.USAGE, "aijson " + command + ": cannot write " + file + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "). " + writeFix(file, e)
          + " Nothing was written" + (Files.exists(file) ? "; " + file + " is as it was." : "."), e);
    }
  }

  /** Returns what to do about a write of {@code file} that failed with {@code e}. */
  private static String writeFix(Path file, Exception e) {
    String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
        ? f.getReason() : String.valueOf(e.getMessage());
    if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
      return "Its file system is full: free some space, or write to another file system.";
    }
    if (reason.equals("Is a directory")) {
      return file + " is a folder: pass the path of a file, such as one inside it.";
    }
    if (reason.equals("Not a directory")) {
      return "A part of its path is a file, not a folder: pass a path whose folders exist.";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Its folder is not writable by this user: make it writable, or write elsewhere.";
    }
    if (e instanceof NoSuchFileException) {
      return "Its folder does not exist: create it, or write to a folder that exists.";
    }
    return "Check that its folder exists and is writable.";
  }
}
