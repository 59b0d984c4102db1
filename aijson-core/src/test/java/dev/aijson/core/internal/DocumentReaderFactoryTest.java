package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import org.junit.jupiter.api.Test;

/**
 * The parser factory reads share keeps the field names it has seen; a document with a long field
 * name (a hostile one, say) must not leave its names in memory.
 */
class DocumentReaderFactoryTest {
  private static final String DOCUMENT = "{\"aijson\": 1, \"vars\": {}}";

  @Test
  void read_ofShortNames_keepsTheFactoryForTheNextRead() {
    AiJsonDocument.parse(DOCUMENT);

    assertThat(DocumentReader.keepsFactoryFor(AiJsonLimits.defaults())).isTrue();
  }

  @Test
  void read_ofALongFieldName_dropsTheFactory_evenWhenTheDocumentIsRefused() {
    AiJsonDocument.parse(DOCUMENT);
    String longName = "x".repeat(300);

    assertThrows(AiJsonException.class,
        () -> AiJsonDocument.parse("{\"aijson\": 1, \"vars\": {}, \"" + longName + "\": 0}"));

    assertThat(DocumentReader.keepsFactoryFor(AiJsonLimits.defaults())).isFalse();
    AiJsonDocument.parse(DOCUMENT);
    assertThat(DocumentReader.keepsFactoryFor(AiJsonLimits.defaults())).isTrue();
  }
}
