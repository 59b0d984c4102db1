package dev.aijson.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the aijson documents tests keep as {@code .json} files in {@code src/test/resources},
 * in the folder of the test's package.
 *
 * <pre>{@code
 * // src/test/resources/dev/aijson/core/replay/scorer.json
 * String scorer = TestDocuments.read(AiJsonReplayerTest.class, "scorer.json");
 * }</pre>
 */
public final class TestDocuments {
  private TestDocuments() {}

  /**
   * Returns the text of the resource {@code name} in the package of {@code testClass}, read as
   * UTF-8 and exactly as it is in the file.
   *
   * @throws IllegalArgumentException if the package has no such resource
   */
  public static String read(Class<?> testClass, String name) {
    try (InputStream in = testClass.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("There is no test document " + name + " next to "
            + testClass.getName() + ". Put it in src/test/resources/"
            + testClass.getPackageName().replace('.', '/') + "/" + name + ".");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the test document " + name + " next to "
          + testClass.getName(), e);
    }
  }
}
