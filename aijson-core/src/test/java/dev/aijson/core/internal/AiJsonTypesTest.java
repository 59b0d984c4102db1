package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The grammar of type names in documents: {@link AiJsonTypes#name} and {@link AiJsonTypes#parse}.
 */
class AiJsonTypesTest {

  private static final ClassLoader LOADER = AiJsonTypesTest.class.getClassLoader();

  // fixtures

  static final class Outer {
    static final class Inner {}
  }

  static final class Box<T> {}

  /** Declared types to read generic types from, as Guice's TypeLiteral would capture them. */
  @SuppressWarnings("unused")
  static final class Fields {
    Map<String, List<Integer>> mapOfLists;
    List<? extends Number> extendsNumber;
    List<? super Integer> superInteger;
    List<?> anything;
    List<String>[] arrayOfLists;
    Map.Entry<String, Integer> entry;
    Box<Outer.Inner> boxOfInner;
    Map<String, int[][]> mapOfMatrices;
    List<Map<String, List<? extends Number>>> deep;
  }

  /** Records whether {@link Tripwire} and {@link ControlTripwire} were initialised. */
  static final class Initialised {
    static volatile boolean tripwire;
    static volatile boolean controlTripwire;
  }

  /** A class whose initialisation is visible: replay must not run it by loading the class. */
  static final class Tripwire {
    static {
      Initialised.tripwire = true;
    }
  }

  /** The same as {@link Tripwire}, to show that initialising such a class is seen. */
  static final class ControlTripwire {
    static {
      Initialised.controlTripwire = true;
    }
  }

  private static Type fieldType(String field) {
    try {
      return Fields.class.getDeclaredField(field).getGenericType();
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static IllegalArgumentException parseFails(String name) {
    return assertThrows(IllegalArgumentException.class, () -> AiJsonTypes.parse(name, LOADER));
  }

  // name

  @Test
  public void name_primitive_isItsKeyword() {
    assertThat(AiJsonTypes.name(int.class)).isEqualTo("int");
    assertThat(AiJsonTypes.name(boolean.class)).isEqualTo("boolean");
  }

  @Test
  public void name_class_isItsBinaryName() {
    assertThat(AiJsonTypes.name(String.class)).isEqualTo("java.lang.String");
  }

  @Test
  public void name_arrays_endInBrackets() {
    assertThat(AiJsonTypes.name(int[].class)).isEqualTo("int[]");
    assertThat(AiJsonTypes.name(String[][].class)).isEqualTo("java.lang.String[][]");
  }

  @Test
  public void name_nestedClass_usesDollar() {
    assertThat(AiJsonTypes.name(Outer.Inner.class))
        .isEqualTo("dev.aijson.core.internal.AiJsonTypesTest$Outer$Inner");
  }

  @Test
  public void name_parameterizedType_listsTypeArguments() {
    assertThat(AiJsonTypes.name(fieldType("mapOfLists")))
        .isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>");
  }

  @Test
  public void name_wildcards_areWrittenAsInJava() {
    assertThat(AiJsonTypes.name(fieldType("extendsNumber")))
        .isEqualTo("java.util.List<? extends java.lang.Number>");
    assertThat(AiJsonTypes.name(fieldType("superInteger")))
        .isEqualTo("java.util.List<? super java.lang.Integer>");
    assertThat(AiJsonTypes.name(fieldType("anything"))).isEqualTo("java.util.List<?>");
  }

  @Test
  public void name_genericArray_endsInBrackets() {
    assertThat(AiJsonTypes.name(fieldType("arrayOfLists")))
        .isEqualTo("java.util.List<java.lang.String>[]");
  }

  @Test
  public void name_nestedGenericType_usesDollar() {
    assertThat(AiJsonTypes.name(fieldType("entry")))
        .isEqualTo("java.util.Map$Entry<java.lang.String, java.lang.Integer>");
  }

  // parse

  @Test
  public void parse_primitives_areTheirClasses() {
    assertThat(AiJsonTypes.parse("int", LOADER)).isEqualTo(int.class);
    assertThat(AiJsonTypes.parse("double", LOADER)).isEqualTo(double.class);
    assertThat(AiJsonTypes.parse("void", LOADER)).isEqualTo(void.class);
  }

  @Test
  public void parse_arrays_areArrayClasses() {
    assertThat(AiJsonTypes.parse("int[]", LOADER)).isEqualTo(int[].class);
    assertThat(AiJsonTypes.parse("java.lang.String[][]", LOADER)).isEqualTo(String[][].class);
  }

  @Test
  public void parse_nestedClass_isLoadedByBinaryName() {
    assertThat(AiJsonTypes.parse("dev.aijson.core.internal.AiJsonTypesTest$Outer$Inner", LOADER))
        .isEqualTo(Outer.Inner.class);
  }

  @Test
  public void parse_parameterizedType_equalsTheReflectedType() {
    Type parsed =
        AiJsonTypes.parse(
            "java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>", LOADER);

    assertThat(parsed).isEqualTo(fieldType("mapOfLists"));
    assertThat(fieldType("mapOfLists")).isEqualTo(parsed);
    assertThat(parsed.hashCode()).isEqualTo(fieldType("mapOfLists").hashCode());
  }

  @Test
  public void parse_extraSpaces_areIgnored() {
    assertThat(
            AiJsonTypes.parse(
                " java.util.Map< java.lang.String ,java.util.List<java.lang.Integer> > ", LOADER))
        .isEqualTo(fieldType("mapOfLists"));
  }

  @Test
  public void parse_wildcards_equalTheReflectedTypes() {
    assertThat(AiJsonTypes.parse("java.util.List<? extends java.lang.Number>", LOADER))
        .isEqualTo(fieldType("extendsNumber"));
    assertThat(AiJsonTypes.parse("java.util.List<? super java.lang.Integer>", LOADER))
        .isEqualTo(fieldType("superInteger"));
    assertThat(AiJsonTypes.parse("java.util.List<?>", LOADER)).isEqualTo(fieldType("anything"));
  }

  @Test
  public void parse_nameOfEachType_roundTrips() {
    for (String field :
        List.of(
            "mapOfLists",
            "extendsNumber",
            "superInteger",
            "anything",
            "arrayOfLists",
            "entry",
            "boxOfInner",
            "mapOfMatrices",
            "deep")) {
      Type type = fieldType(field);

      Type parsed = AiJsonTypes.parse(AiJsonTypes.name(type), LOADER);

      assertThat(parsed).isEqualTo(type);
      assertThat(type).isEqualTo(parsed);
      assertThat(AiJsonTypes.name(parsed)).isEqualTo(AiJsonTypes.name(type));
    }
  }

  @Test
  public void parse_nameOfEachClass_roundTrips() {
    for (Class<?> type :
        List.of(int.class, long[].class, String.class, Outer.Inner[][].class, Map.Entry.class)) {
      assertThat(AiJsonTypes.parse(AiJsonTypes.name(type), LOADER)).isEqualTo(type);
    }
  }

  @Test
  public void rawType_parameterizedAndArrayTypes_eraseToTheirClasses() {
    assertThat(AiJsonTypes.rawType(fieldType("mapOfLists"))).isEqualTo(Map.class);
    assertThat(AiJsonTypes.rawType(fieldType("arrayOfLists"))).isEqualTo(List[].class);
  }

  // malformed names

  @Test
  public void parse_emptyName_isRefused() {
    assertThat(parseFails(""))
        .hasMessageThat()
        .isEqualTo("expected a class name at position 0 of type name \"\"");
  }

  @Test
  public void parse_unclosedTypeArguments_isRefused() {
    assertThat(parseFails("java.util.List<java.lang.String"))
        .hasMessageThat()
        .isEqualTo("expected '>' at position 31 of type name \"java.util.List<java.lang.String\"");
  }

  @Test
  public void parse_emptyTypeArguments_isRefused() {
    assertThat(parseFails("java.util.List<>"))
        .hasMessageThat()
        .isEqualTo("expected a class name at position 15 of type name \"java.util.List<>\"");
  }

  @Test
  public void parse_trailingText_isRefused() {
    assertThat(parseFails("java.lang.String>"))
        .hasMessageThat()
        .isEqualTo("unexpected \">\" in type name \"java.lang.String>\"");
  }

  @Test
  public void parse_wrongNumberOfTypeArguments_isRefused() {
    assertThat(parseFails("java.util.Map<java.lang.String>"))
        .hasMessageThat()
        .isEqualTo(
            "java.util.Map takes 2 type arguments, but \"java.util.Map<java.lang.String>\" gives"
                + " 1");
  }

  @Test
  public void parse_typeArgumentsOnPrimitive_isRefused() {
    assertThat(parseFails("int<java.lang.String>"))
        .hasMessageThat()
        .contains("int takes 0 type arguments");
  }

  @Test
  public void parse_unknownClass_isRefusedNamingIt() {
    IllegalArgumentException e = parseFails("com.acme.Missing");

    assertThat(e)
        .hasMessageThat()
        .isEqualTo("class com.acme.Missing cannot be found (ClassNotFoundException)");
    assertThat(e).hasCauseThat().isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  public void parse_deeplyNestedTypeArguments_isRefused() {
    String name = "java.util.List<".repeat(1_000) + "java.lang.String" + ">".repeat(1_000);

    assertThat(parseFails(name)).hasMessageThat().contains("nests type arguments deeper than 16");
  }

  // initialisation

  @Test
  public void parse_classWithStaticInitialiser_doesNotInitialiseIt() {
    Type type = AiJsonTypes.parse("dev.aijson.core.internal.AiJsonTypesTest$Tripwire", LOADER);
    Type list =
        AiJsonTypes.parse("java.util.List<dev.aijson.core.internal.AiJsonTypesTest$Tripwire[]>", LOADER);

    assertThat(AiJsonTypes.name(type)).isEqualTo("dev.aijson.core.internal.AiJsonTypesTest$Tripwire");
    assertThat(AiJsonTypes.name(list))
        .isEqualTo("java.util.List<dev.aijson.core.internal.AiJsonTypesTest$Tripwire[]>");
    assertThat(Initialised.tripwire).isFalse();
  }

  @Test
  public void initialising_controlTripwire_setsItsFlag() throws ClassNotFoundException {
    Class.forName("dev.aijson.core.internal.AiJsonTypesTest$ControlTripwire", true, LOADER);

    assertThat(Initialised.controlTripwire).isTrue();
  }
}
