package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 13): {@code ReplayModule.from(Path)} and the CLI read a whole file before any
 * size limit was checked, so {@code /dev/zero} or a 300 MB file exhausted the heap. A file is now
 * read only up to the limit.
 */
class OversizedFilesTest {
  @TempDir Path folder;

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void read_devZero_isRefusedAtTheLimitWithoutReadingOn() {
    AiJsonLimits limits = AiJsonLimits.defaults().withMaxChars(10_000);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(Path.of("/dev/zero"), limits));

    assertThat(e).hasMessageThat().contains("has more than 10000 characters, the limit of an aijson"
        + " document (AiJsonLimits.maxChars); it was not read further");
  }

  @Test
  void read_fileOneCharacterPastTheLimit_isRefused() throws Exception {
    Path file = folder.resolve("big.json");
    Files.writeString(file, "{\"aijson\": 1, \"vars\": {}}" + " ".repeat(975));

    assertThat(AiJsonDocument.read(file, AiJsonLimits.defaults().withMaxChars(1_000)).vars()).isEmpty();
    Files.writeString(file, " ", java.nio.file.StandardOpenOption.APPEND);
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(file, AiJsonLimits.defaults().withMaxChars(1_000)));
    assertThat(e).hasMessageThat().contains("has more than 1000 characters");
  }

  @Test
  void read_notUtf8_isRefusedNamingTheFile() throws Exception {
    Path file = folder.resolve("latin1.json");
    Files.write(file, new byte[] {'{', (byte) 0xE9, '}'});

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.read(file));

    assertThat(e).hasMessageThat().startsWith("Cannot read the aijson document " + file);
  }
}
