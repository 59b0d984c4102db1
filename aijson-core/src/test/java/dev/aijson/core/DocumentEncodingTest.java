package dev.aijson.core;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: a document with a byte order mark, or in UTF-16 or UTF-32, was refused with
 * Jackson's message ("Unexpected character ('?' (code 65279 / 0xfeff))", "Illegal character
 * ((CTRL-CHAR, code 0))", or a bare MalformedInputException), which did not say that the encoding
 * was the problem. A document is UTF-8 without a byte order mark (docs/FORMAT.md).
 */
class DocumentEncodingTest {
  private static final String DOCUMENT = "{\"aijson\": 1, \"vars\": {}}\n";
  private static final String BOM_MESSAGE = "The aijson document starts with a byte order mark"
      + " (U+FEFF); a document is UTF-8 text without one (docs/FORMAT.md, \"The document\")."
      + " Remove the mark: save the file as UTF-8 without BOM, or drop the text's first character.";

  @TempDir Path folder;

  @Test
  void parse_textWithAByteOrderMark_isRefusedSayingSo() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse("\uFEFF" + DOCUMENT));

    assertThat(e.path()).isEmpty();
    assertThat(e).hasMessageThat().isEqualTo(BOM_MESSAGE);
  }

  @Test
  void parse_textWithoutAByteOrderMark_isRead() {
    assertThat(AiJsonDocument.parse(DOCUMENT).vars()).isEmpty();
  }

  @Test
  void parse_utf16BytesReadAsUtf8_isRefusedNamingTheEncoding() {
    String misread = new String(DOCUMENT.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8);

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(misread));

    assertThat(e).hasMessageThat().isEqualTo("The aijson document has a NUL character at its start"
        + " (character 2), as UTF-16 or UTF-32 text read as UTF-8 does; a document is UTF-8 text"
        + " (docs/FORMAT.md, \"The document\"). Convert the file to UTF-8, for example with iconv -f"
        + " UTF-16 -t UTF-8, or read it with its own charset before passing the text.");
  }

  @Test
  void read_utf8FileWithAByteOrderMark_isRefusedSayingSo() throws IOException {
    Path file = Files.write(folder.resolve("bom.json"), ("\uFEFF" + DOCUMENT).getBytes(StandardCharsets.UTF_8));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(file, AiJsonLimits.defaults()));

    assertThat(e).hasMessageThat().isEqualTo(BOM_MESSAGE);
  }

  @Test
  void read_utf16FileWithItsByteOrderMark_isRefusedNamingTheFileAndTheEncoding() throws IOException {
    Path file = Files.write(folder.resolve("utf16.json"), DOCUMENT.getBytes(StandardCharsets.UTF_16));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(file, AiJsonLimits.defaults()));

    assertThat(e).hasMessageThat().isEqualTo("Cannot read the aijson document: " + file + " is"
        + " UTF-16 (big-endian) text (it starts with that encoding's byte order mark), but an aijson"
        + " document is UTF-8 without a byte order mark (docs/FORMAT.md, \"The document\"); it was"
        + " not read. Convert it to UTF-8, for example with iconv -f UTF-16 -t UTF-8.");
  }

  @Test
  void read_utf16LittleEndianFileWithItsByteOrderMark_isRefusedNamingTheEncoding() throws IOException {
    byte[] text = DOCUMENT.getBytes(StandardCharsets.UTF_16LE);
    byte[] marked = new byte[text.length + 2];
    marked[0] = (byte) 0xFF;
    marked[1] = (byte) 0xFE;
    System.arraycopy(text, 0, marked, 2, text.length);
    Path file = Files.write(folder.resolve("utf16le.json"), marked);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(file, AiJsonLimits.defaults()));

    assertThat(e).hasMessageThat().contains("is UTF-16 (little-endian) text");
  }

  @Test
  void read_utf32FileWithItsByteOrderMark_isRefusedNamingTheEncoding() throws IOException {
    Path file = Files.write(folder.resolve("utf32.json"), ("\uFEFF" + DOCUMENT).getBytes(Charset.forName("UTF-32")));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(file, AiJsonLimits.defaults()));

    assertThat(e).hasMessageThat().contains("is UTF-32 text (it starts with that encoding's byte order mark)");
  }

  @Test
  void read_utf16FileWithoutAByteOrderMark_isRefusedNamingTheEncoding() throws IOException {
    Path file = Files.write(folder.resolve("utf16-bare.json"), DOCUMENT.getBytes(StandardCharsets.UTF_16LE));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonDocument.read(file, AiJsonLimits.defaults()));

    assertThat(e).hasMessageThat().contains("has a NUL character at its start (character 2), as UTF-16"
        + " or UTF-32 text read as UTF-8 does");
  }
}
