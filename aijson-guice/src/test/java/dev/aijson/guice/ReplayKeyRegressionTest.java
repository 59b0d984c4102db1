package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.BindingAnnotation;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonException;
import dev.aijson.testing.TestDocuments;
import jakarta.inject.Provider;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions found by the hardening work (aijson-hardening): keys in a document that Guice
 * refused with its own errors, or bound to objects of another type.
 */
class ReplayKeyRegressionTest {
  /** A supertype whose name starts with its subclass's: a key of it is not a key of Clock. */
  static class ClockBase {}

  static class Clock extends ClockBase {
    @Inject
    Clock() {}
  }

  static class Lazy {
    final Provider<Clock> clocks;

    @Inject
    Lazy(Provider<Clock> clocks) {
      this.clocks = clocks;
    }
  }

  /** A marker qualifier, and one with an attribute replay cannot rebuild. */
  @BindingAnnotation
  @Retention(RetentionPolicy.RUNTIME)
  @interface Fast {}

  @BindingAnnotation
  @Retention(RetentionPolicy.RUNTIME)
  @interface Tier {
    int value();
  }

  /** A qualifier of two attributes, which Java writes with a space after the comma. */
  @BindingAnnotation
  @Retention(RetentionPolicy.RUNTIME)
  @interface Region {
    String value();

    int zone() default 1;
  }

  static class Regional {
    @Inject
    Regional(@Region(value = "eu", zone = 2) Clock clock) {}
  }

  /** A document of one Clock constructor var for each key, the keys as the document holds them. */
  private static String clocks(List<String> keys) {
    StringBuilder vars = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      vars.append(i == 0 ? "" : ", ").append("\"var").append(i).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"dev.aijson.guice\", \"caller\": \"ReplayKeyRegressionTest$Clock\", \"key\": \"")
          .append(keys.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\", \"signature\": [], \"kwargs\": {}}");
    }
    return "{\"aijson\": 1, \"vars\": {" + vars + "}}";
  }

  /**
   * Keys of every form a document holds, their types in turn (replay reads the type of a key in
   * place when it is the last key's): each var is bound under its own key.
   */
  @Test
  void keysOfEveryForm_typesInTurn_areEachBoundUnderTheirOwnKey() {
    String clock = Clock.class.getName();
    String named = "@com.google.inject.name.Named(";
    List<String> texts = List.of(clock, named + "\"a\") " + clock, named + "\"b\") java.lang.Object",
        named + "\"c\") " + clock, named + "\"a \\\"quoted\\\" one\") " + clock,
        "@" + Fast.class.getName() + " " + clock, named + "\"d\") java.lang.Object", named + "\"\") " + clock,
        named + "\"e\") " + ClockBase.class.getName(), "java.lang.Object");
    List<Key<?>> keys = List.of(Key.get(Clock.class), Key.get(Clock.class, Names.named("a")),
        Key.get(Object.class, Names.named("b")), Key.get(Clock.class, Names.named("c")),
        Key.get(Clock.class, Names.named("a \"quoted\" one")), Key.get(Clock.class, Fast.class),
        Key.get(Object.class, Names.named("d")), Key.get(Clock.class, Names.named("")),
        Key.get(ClockBase.class, Names.named("e")), Key.get(Object.class));

    Injector injector = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(clocks(texts)));

    for (Key<?> key : keys) {
      assertWithMessage("%s", key).that(injector.getInstance(key)).isInstanceOf(Clock.class);
    }
  }

  /** Qualifiers replay cannot rebuild are each refused at their var's key, the others beside them read. */
  @Test
  void unreadableQualifiers_areEachRefusedAtTheirKey() {
    String clock = Clock.class.getName();
    List<String> texts = List.of(
        "@" + Tier.class.getName() + "(value=2) " + clock,
        "@com.google.inject.name.Named(\"a\") " + clock,
        "@java.lang.String " + clock,
        "@com.google.inject.name.Namedx(\"b\") " + clock,
        "@dev.aijson.guice.NoSuchQualifier " + clock);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(clocks(texts)));

    assertThat(e.problems().stream().map(p -> p.path()).toList())
        .containsExactly("/vars/var0/key", "/vars/var2/key", "/vars/var3/key", "/vars/var4/key").inOrder();
    assertThat(e.problems().get(0).message()).contains(
        "the qualifier " + Tier.class.getName() + "(value=2) has attributes other than a @Named value");
    assertThat(e.problems().get(1).message()).contains("java.lang.String is not an annotation");
    assertThat(e.problems().get(2).message()).contains(
        "the qualifier com.google.inject.name.Namedx(\"b\") has attributes other than a @Named value");
    assertThat(e.problems().get(3).message()).contains(
        "the qualifier dev.aijson.guice.NoSuchQualifier cannot be found");
  }

  /**
   * Broke: the space Java writes after a comma inside the qualifier ended it, so replay read the
   * rest as the key's type and refused it as a class that cannot be found ("class zone=2,").
   */
  @Test
  void recordedQualifierOfTwoAttributes_isRefusedForItsAttributesNotAsAMissingClass() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).annotatedWith(Regional.class.getDeclaredConstructors()[0]
            .getParameters()[0].getAnnotation(Region.class)).to(Clock.class);
      }
    });
    training.getInstance(Regional.class);
    String json = training.getInstance(AiJsonLog.class).toJson();
    String qualifier = training.getInstance(AiJsonLog.class).document().var("var0").key()
        .replace(" " + Clock.class.getName(), "");
    assertThat(qualifier).contains(", ");

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().contains("the qualifier " + qualifier.substring(1)
        + " has attributes other than a @Named value, which replay cannot rebuild; qualify the"
        + " binding with @Named or a marker annotation");
  }

  private static String clock(String key) {
    return """
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "dev.aijson.guice", \
        "caller": "ReplayKeyRegressionTest$Clock", "key": "%s", "signature": [], "kwargs": {}}}}\
        """.formatted(key);
  }

  /** A @Named value with quotes and backslashes is written escaped and replayed under its own key. */
  @Test
  void namedValueWithQuotesAndBackslashes_isRecordedEscapedAndReplayedUnderItsKey() {
    String name = "a \"quoted\" \\ name";
    Key<Clock> key = Key.get(Clock.class, Names.named(name));
    Injector training = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(key).to(Clock.class);
      }
    });
    training.getInstance(key);
    String json = training.getInstance(AiJsonLog.class).toJson();

    assertThat(training.getInstance(AiJsonLog.class).document().var("var0").key())
        .isEqualTo("@com.google.inject.name.Named(\"a \\\"quoted\\\" \\\\ name\") " + Clock.class.getName());
    Clock replayed = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(key);
    assertThat(replayed).isNotNull();
  }

  /** Broke: these keys reached binder.bind and came back as CreationExceptions without a cause. */
  @Test
  void keyOfATypeGuiceBindsItself_isRefusedByFrom() {
    for (String key : new String[] {"com.google.inject.Injector", "com.google.inject.Stage",
        "java.util.logging.Logger", "jakarta.inject.Provider<java.lang.Object>",
        "com.google.inject.Provider<java.lang.Object>", "com.google.inject.TypeLiteral<java.lang.Object>",
        "java.lang.Void", "void"}) {
      AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(clock(key)));

      assertThat(e.path()).isEqualTo("/vars/var0/key");
      assertThat(e).hasMessageThat().contains("a document may not bind it");
    }
  }

  /** Broke: a key of another type was bound to the var, so getInstance(String.class) gave a Clock. */
  @Test
  void keyOfAnotherType_isRefusedByFrom() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(clock("@com.google.inject.name.Named(\\\"x\\\") java.lang.String")));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().contains("it builds dev.aijson.guice.ReplayKeyRegressionTest$Clock,"
        + " which is not java.lang.String");
  }

  /**
   * Keys that differ only by their {@code @Named} value are checked against their var once per
   * type and maker: each var of a wrong type is still reported at its own pointer, and the vars
   * of the right type beside them are bound under their own keys.
   */
  @Test
  void namedKeysOfOneMaker_eachMisfitIsReportedAndEachFitIsBound() {
    String json = """
        {"aijson": 1, "vars": {
        "var0": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "ReplayKeyRegressionTest$Clock",
          "key": "@com.google.inject.name.Named(\\"a\\") java.lang.String", "signature": [], "kwargs": {}},
        "var1": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "ReplayKeyRegressionTest$Clock",
          "key": "@com.google.inject.name.Named(\\"b\\") dev.aijson.guice.ReplayKeyRegressionTest$Clock",
          "signature": [], "kwargs": {}},
        "var2": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "ReplayKeyRegressionTest$Clock",
          "key": "@com.google.inject.name.Named(\\"c\\") java.lang.String", "signature": [], "kwargs": {}}}}
        """;

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.problems().stream().map(p -> p.path()).toList())
        .containsExactly("/vars/var0/key", "/vars/var2/key");
    assertThat(e).hasMessageThat().contains("var2 (dev.aijson.guice.ReplayKeyRegressionTest$Clock): key");

    String fitting = json.replace("java.lang.String", "java.lang.Object");
    Injector injector = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(fitting));
    assertThat(injector.getInstance(Key.get(Object.class, Names.named("a")))).isInstanceOf(Clock.class);
    assertThat(injector.getInstance(Key.get(Clock.class, Names.named("b")))).isNotNull();
    assertThat(injector.getInstance(Key.get(Object.class, Names.named("c")))).isInstanceOf(Clock.class);
  }

  @Test
  void keyOfASupertype_isBound() {
    Object clock = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(clock("java.lang.Object")))
        .getInstance(Object.class);

    assertThat(clock).isInstanceOf(Clock.class);
  }

  /**
   * Broke: a provider key Guice cannot read made a ProvisionException whose cause was an
   * IllegalArgumentException; the reason is now an AiJsonException with the value's pointer.
   */
  @Test
  void providerKeyGuiceCannotRead_failsWithAnAiJsonExceptionAtItsPointer() {
    String json = TestDocuments.read(ReplayKeyRegressionTest.class,
        "lazy-with-a-provider-key-guice-cannot-read.json");

    ProvisionException e = assertThrows(ProvisionException.class,
        () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Lazy.class));

    assertThat(e).hasCauseThat().isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) e.getCause()).path()).isEqualTo("/vars/var0/kwargs/clocks");
  }

}
