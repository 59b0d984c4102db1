package dev.aijson.tools.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.testing.JavaCompilation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document's keys are text: codegen must never let one add code to the module it generates,
 * which its user compiles and runs. Regression: a qualifier's arguments were copied into the
 * source as they were (a {@code )} ended the annotation, and what followed was code), and a
 * key's {@code &#92;u002a/}, which javac reads as the end of a comment, ended the javadoc.
 */
public class CodegenHostileKeysTest {
  /** A class the document builds. */
  public static class Box {
    public Box() {}
  }

  private static final String BOX = "dev.aijson.tools.codegen.CodegenHostileKeysTest$Box";

  @TempDir
  Path folder;

  /** A document of one Box bound to {@code key}, as the JSON string's contents. */
  private static AiJsonDocument document(String key) {
    return AiJsonDocument.parse("{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\","
        + " \"module\": \"dev.aijson.tools.codegen\", \"caller\": \"CodegenHostileKeysTest$Box\","
        + " \"key\": \"" + key + "\", \"signature\": [], \"kwargs\": {}}}}");
  }

  @Test
  void toJava_qualifierArgumentsThatEndTheAnnotation_areRefusedNamingTheVarThePointerAndTheFix() {
    // @Named("x")Object a(){return null;}static{...}@Named("y"): Guice replay reads one odd
    // @Named value; as source it was a method and a static initialiser
    AiJsonDocument document = document("@com.google.inject.name.Named(\\\"x\\\")Object/**/a(){return/**/null;}"
        + "static{System.setProperty(\\\"injected\\\",\\\"yes\\\");}@com.google.inject.name.Named(\\\"y\\\") " + BOX);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(document, "dev.aijson.generated", "Wiring"));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().contains("var0 (" + BOX + "): key \"" + document.var("var0").key()
        + "\" cannot be written as Java: the qualifier's arguments hold ')' outside a string, which"
        + " no annotation value a recording writes holds, and which could end the annotation in the"
        + " generated source. Fix the key at /vars/var0/key");
  }

  @Test
  void toJava_keyWithAUnicodeEscapeOfTheCommentsEnd_compilesToAModuleThatRunsNoCodeOfTheKey() throws Exception {
    String property = "7";
    System.clearProperty(property);
    // \u002a/ is */ to javac, even inside a comment; the key's string holds no quote, so the
    // annotation's literal is the same before and after the fix
    String source = AiJsonCodegen.toJava(document("@com.google.inject.name.Named(\\\"\\\\u002a/static{"
        + "System.setProperty(String.valueOf(7),String.valueOf(7));}/\\\\u002a\\\") " + BOX),
        "dev.aijson.generated", "UnicodeWiring");

    JavaCompilation.in(folder, getClass().getClassLoader())
        .compileAndLoad(source, "dev.aijson.generated.UnicodeWiring");

    assertThat(System.getProperty(property)).isNull();
    assertThat(source).contains("{@literal @}Named(\"&#92;u002a/static{");
  }

  @Test
  void toJava_namedValueWithQuotesAndBackslashes_isWrittenAsItsLiteral() {
    String source = AiJsonCodegen.toJava(document("@com.google.inject.name.Named(\\\"a \\\\\\\"b\\\\\\\\c\\\") " + BOX),
        "dev.aijson.generated", "Wiring");

    assertThat(source).contains("@Named(\"a \\\"b\\\\c\")\n");
  }
}
