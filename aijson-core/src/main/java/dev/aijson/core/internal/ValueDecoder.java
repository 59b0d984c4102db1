package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.Decoded.CollectionKind;
import dev.aijson.core.internal.Decoded.Where;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks document values against the declared (generic) types of the parameters they are passed
 * to, and turns them into {@link Decoded} values. The declared type alone decides how a value is
 * read; a class name in the document is never followed. Every mismatch becomes a {@link Problem}
 * naming the var, the argument, the expected form and the fix. Nothing is initialised or
 * constructed here: enum constants are checked by their fields, records by their components.
 */
public final class ValueDecoder {
  /** The deepest nesting decoded: more than any document holds, whatever its limits. */
  static final int MAX_DEPTH = AiJsonLimits.MAX_DEPTH_CEILING;

  private static final Decoded NULL = new Decoded.Constant(null);
  private static final Set<String> PROVIDERS =
      Set.of("com.google.inject.Provider", "javax.inject.Provider", "jakarta.inject.Provider");
  private static final Map<Class<?>, CollectionKind> COLLECTIONS =
      Map.of(
          Iterable.class, CollectionKind.LIST, Collection.class, CollectionKind.LIST,
          List.class, CollectionKind.LIST, ArrayList.class, CollectionKind.LIST,
          Set.class, CollectionKind.SET, HashSet.class, CollectionKind.SET,
          LinkedHashSet.class, CollectionKind.SET, SortedSet.class, CollectionKind.SORTED_SET,
          NavigableSet.class, CollectionKind.SORTED_SET, TreeSet.class, CollectionKind.SORTED_SET);
  private static final Map<Class<?>, Boolean> MAPS_SORTED =
      Map.of(
          Map.class, false, HashMap.class, false, LinkedHashMap.class, false,
          SortedMap.class, true, NavigableMap.class, true, TreeMap.class, true);

  /**
   * The var a reference points to.
   *
   * @param index its position in the document
   * @param type the class of its object, or null if unknown (its own problem is reported)
   * @param description what it builds, such as {@code var1 builds a acme.Other}, for messages
   */
  record Target(int index, Class<?> type, String var, boolean unobserved) {
    /** Describes what the var builds, for a message: {@code var3 builds a com.acme.Scorer}. */
    String description() {
      return type == void.class ? var + " returns nothing (void)"
          : var + " builds " + (type == null ? "an object" : article(type.getName()));
    }
  }

  /** Looks up the var a reference points to. */
  interface Targets {
    Target of(AiJsonRef ref);
  }

  private final List<Problem> problems;
  private final Targets targets;
  private final ClassLoader loader;
  private final Function<Class<?>, String> beanRefusal;
  // one constant per distinct immutable value: a plan keeps every var's decoded arguments for as
  // long as its injector lives, and most documents repeat the same few values var after var
  private final Map<Object, Decoded> constants = new HashMap<>();

  /**
   * Creates a decoder that adds its problems to {@code problems}; {@code beanRefusal} says why
   * the security policy does not let replay make a bean of a class, or null if it does.
   */
  ValueDecoder(List<Problem> problems, Targets targets, ClassLoader loader,
      Function<Class<?>, String> beanRefusal) {
    this.problems = problems;
    this.targets = targets;
    this.loader = loader;
    this.beanRefusal = beanRefusal;
  }

  /**
   * Returns {@code value} decoded for a parameter of type {@code declared}, or null after adding
   * a problem.
   */
  Decoded decode(Object value, Type declared, Where where) {
    return decode(value, declared, Map.of(), null, where, 0);
  }

  /**
   * Returns the kwarg or argument {@code name} of {@code var}'s {@code section} decoded for a
   * parameter of type {@code declared}, or null after adding a problem, as {@link #decode} with
   * {@link Where#argument}. Most arguments are a scalar or a reference that fits a parameter of a
   * class type, or a shared list decoded before for the same parameter type, whose decoded value
   * keeps no place of its own: their place is made only for the others.
   */
  Decoded decodeArgument(Object value, Type declared, AiJsonVar var, String section, String name,
      String what) {
    Decoded fitting = declared instanceof Class<?> raw ? fitting(value, raw)
        : value instanceof List<?> list ? sharedElements(list, declared) : null;
    return fitting != null ? fitting : decode(value, declared, Where.argument(var, section, name, what));
  }

  /**
   * Returns the elements decoded before for the shared list {@code list} and a parameter
   * declared as the very same {@code declared} type (a parameter's generic type is one object
   * for every var of its executable), or null: found without a place or a context made.
   */
  private Decoded sharedElements(List<?> list, Type declared) {
    SharedElements known = sharedElements.get(list);
    return known != null && known.type() == declared ? known.decoded() : null;
  }

  /**
   * Returns the decoded {@code value} if it is a reference, null or a scalar that fits {@code raw}
   * as it is; else null, for {@link #decode} to decode it otherwise or report why it does not fit.
   * The one place that accepts these values, for {@link #decode} and {@link #decodeArgument} alike.
   */
  private Decoded fitting(Object value, Class<?> raw) {
    if (value instanceof AiJsonRef ref) {
      // a reference to an unobserved var is refused once, as that var's own problem
      Target target = targets.of(ref);
      return target.unobserved()
          || !raw.isPrimitive() && (target.type() == null || box(raw).isAssignableFrom(box(target.type())))
          ? ref(target.index()) : null;
    }
    if (value == null) {
      return raw.isPrimitive() ? null : NULL;
    }
    Class<?> boxed = box(raw);
    if (Scalars.isScalar(boxed)) {
      // var after var passes the same value (a parsed document's one 0.1) for the same type
      if (value == lastScalar && boxed == lastScalarType) {
        return lastConstant;
      }
      Object converted = Scalars.convert(value, boxed);
      Decoded decoded = converted == null ? null : constant(converted);
      if (decoded != null && isImmutable(converted)) {
        lastScalar = value;
        lastScalarType = boxed;
        lastConstant = decoded;
      }
      return decoded;
    }
    return null;
  }

  // the last scalar fitting decoded, the type it was decoded for, and its constant
  private Object lastScalar;
  private Class<?> lastScalarType;
  private Decoded lastConstant;

  /**
   * Returns the decoded constant of {@code value}: the same one for equal values of a type whose
   * objects cannot change (strings, boxed primitives, big numbers, enum constants), a new one for
   * any other value.
   */
  private Decoded constant(Object value) {
    if (!isImmutable(value)) {
      return new Decoded.Constant(value);
    }
    return constants.computeIfAbsent(value, Decoded.Constant::new);
  }

  /**
   * Returns an unmodifiable copy of a plan's list as compact as the JDK makes one (a plan is kept
   * for as long as its injector lives; an empty list is the shared one), or the list wrapped
   * where a value that failed to decode left a null in it (the plan is refused then).
   */
  static <T> List<T> kept(List<T> list) {
    return list.contains(null) ? Collections.unmodifiableList(list) : List.copyOf(list);
  }

  private static boolean isImmutable(Object value) {
    return value instanceof String || value instanceof Integer || value instanceof Long
        || value instanceof Double || value instanceof Boolean || value instanceof Float
        || value instanceof Short || value instanceof Byte || value instanceof Character
        || value instanceof BigDecimal || value instanceof BigInteger
        || value instanceof Enum<?>;
  }

  /** Returns {@code pointer}, or the pointer of {@code root} where it is null (the root value). */
  private static String at(String pointer, Where root) {
    return pointer == null ? root.pointer() : pointer;
  }

  private Decoded decode(
      Object value, Type declared, Map<TypeVariable<?>, Type> bindings, String pointer,
      Where root, int depth) {
    if (depth > MAX_DEPTH) {
      return fail(root, pointer, value, "nested at most " + MAX_DEPTH + " levels deep");
    }
    Type type = resolve(declared, bindings);
    Class<?> raw = rawType(type, bindings);
    Decoded fitting = fitting(value, raw);
    if (fitting != null) {
      return fitting;
    }
    // what fitting refuses, reported
    if (value instanceof AiJsonRef ref) {
      return refusedReference(ref, raw, pointer, root);
    }
    if (value == null) {
      return fail(root, pointer, null, article(raw.getName()) + " (a primitive cannot be null)");
    }
    if (Scalars.isScalar(box(raw))) {
      return fail(root, pointer, value, Scalars.expectation(raw));
    }
    if (raw == Object.class) {
      return natural(value, at(pointer, root), root, depth);
    }
    Context at = new Context(type, raw, bindings, pointer, root, depth);
    return structured(value, at);
  }

  /** Where a structured value is decoded: its type and position. */
  private record Context(
      Type type, Class<?> raw, Map<TypeVariable<?>, Type> bindings, String pointerOrNull,
      Where root, int depth) {
    /** The value's pointer, worked out only when a message or an element's pointer needs it. */
    String pointer() {
      return at(pointerOrNull, root);
    }

    Where where() {
      return Where.within(pointerOrNull, root);
    }

    Type argument(int index) {
      return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
  }

  private Decoded structured(Object value, Context at) {
    Class<?> raw = at.raw();
    if (raw.isEnum()) {
      return enumConstant(value, raw, at.pointer(), at.root());
    }
    if (raw.isRecord()) {
      return record(value, at);
    }
    if (raw.isArray()) {
      return array(value, at);
    }
    if (COLLECTIONS.containsKey(raw)) {
      return elements(value, COLLECTIONS.get(raw), at);
    }
    if (MAPS_SORTED.containsKey(raw)) {
      return entries(value, MAPS_SORTED.get(raw), at);
    }
    if (PROVIDERS.contains(raw.getName())) {
      return provider(value, at);
    }
    if (Beans.isBean(raw)) {
      return value instanceof Map<?, ?> map ? bean(map, at) : fail(at.root(), at.pointer(), value,
          "a bean " + raw.getName() + " (an object of its properties)");
    }
    return fail(at.root(), at.pointer(), value, "a reference to a var that builds "
        + article(AiJsonTypes.name(at.type())) + " (" + raw.getName() + " is not a JSON value"
        + " type: only scalars, enums, records, configuration beans, collections, maps and arrays"
        + " are written inline)");
  }

  /**
   * Decodes a configuration bean: an object with exactly its properties, each decoded by the
   * declared type of what sets it, of a class the security policy allows.
   */
  private Decoded bean(Map<?, ?> map, Context at) {
    String refused = beanRefusal.apply(at.raw());
    if (refused != null) {
      return fail(at.root(), at.pointer(), map, "a bean replay may make: " + refused);
    }
    List<Beans.Property> properties = Beans.shape(at.raw()).properties();
    List<String> names = new ArrayList<>(properties.size());
    for (Beans.Property property : properties) {
      names.add(property.name());
    }
    for (Object key : map.keySet()) {
      if (!names.contains(key)) {
        String pointer = at.pointer() + AiJsonException.pointer(key);
        problems.add(new Problem(pointer, at.root().subject() + " at " + pointer + ": bean "
            + at.raw().getName() + " has no property \"" + Abbreviation.of(String.valueOf(key))
            + "\"; its properties are " + String.join(", ", names) + " (a document never names"
            + " a class to make). Remove it or fix its name."));
        return null;
      }
    }
    if (map.size() != names.size()) {
      return fail(at.root(), at.pointer(), map, article(at.raw().getName()) + " (an object with"
          + " exactly the bean properties " + String.join(", ", names) + ")");
    }
    // Jackson makes the bean from its properties' values by writing them out first: a referenced
    // object would be read through its getters (a supplied data source's getConnection, say).
    // The recorder never writes a reference inside a bean, so none is taken, at any depth
    Reference reference = firstReference(map, at.pointer());
    if (reference != null) {
      return fail(at.root(), reference.pointer(), reference.ref(),
          "a JSON value: a bean's properties, at any depth, are values, never references, since"
          + " Jackson would read the referenced object through its getters to make bean "
          + at.raw().getName() + "; write the value itself");
    }
    Map<TypeVariable<?>, Type> bindings = bindings(at);
    List<Decoded> values = new ArrayList<>(properties.size());
    boolean failed = false;
    for (Beans.Property property : properties) {
      Decoded decoded = decode(map.get(property.name()), property.type(), bindings,
          at.pointer() + AiJsonException.pointer(property.name()), at.root(), at.depth() + 1);
      failed |= decoded == null;
      values.add(decoded);
    }
    return failed ? null : new Decoded.BeanOf(at.type(), List.copyOf(names), values, at.where());
  }

  /** A reference inside a value, and its pointer. */
  private record Reference(String pointer, AiJsonRef ref) {}

  /** Returns the first reference inside {@code value}, which is at {@code pointer}, or null. */
  private static Reference firstReference(Object value, String pointer) {
    if (value instanceof AiJsonRef ref) {
      return new Reference(pointer, ref);
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Reference found = firstReference(entry.getValue(), pointer + AiJsonException.pointer(entry.getKey()));
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Reference found = firstReference(list.get(i), pointer + "/" + i);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Reports why a reference that {@link #fitting} refused cannot fill {@code raw}; returns null. */
  private Decoded refusedReference(AiJsonRef ref, Class<?> raw, String pointer, Where root) {
    if (raw.isPrimitive()) {
      return fail(root, pointer, ref, article(raw.getName()) + " (a primitive cannot take a"
          + " reference; write the value itself)");
    }
    return fail(root, pointer, ref, article(raw.getName()) + ": " + targets.of(ref).description()
        + ". Reference a var that builds " + article(raw.getName()) + " instead");
  }

  // a shared singleton is referenced by most vars of a pipeline (the vocabulary of every layer):
  // one reference per var referenced, kept by every step that reads it
  private Decoded.Ref[] refs = new Decoded.Ref[16];

  private Decoded.Ref ref(int index) {
    if (index >= refs.length) {
      refs = java.util.Arrays.copyOf(refs, Math.max(index + 1, refs.length * 2));
    }
    Decoded.Ref ref = refs[index];
    if (ref == null) {
      ref = new Decoded.Ref(index);
      refs[index] = ref;
    }
    return ref;
  }

  private Decoded natural(Object value, String pointer, Where root, int depth) {
    if (value instanceof List<?> list) {
      List<Decoded> elements = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        elements.add(decode(list.get(i), Object.class, Map.of(), pointer + "/" + i, root, depth + 1));
      }
      return new Decoded.Elements(CollectionKind.LIST, elements, Where.within(pointer, root));
    }
    if (value instanceof Map<?, ?> map) {
      List<Decoded> keys = new ArrayList<>(map.size());
      List<Decoded> values = new ArrayList<>(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        keys.add(constant(entry.getKey()));
        values.add(decode(entry.getValue(), Object.class, Map.of(),
            pointer + AiJsonException.pointer(entry.getKey()), root, depth + 1));
      }
      return new Decoded.Entries(false, keys, values, Where.within(pointer, root));
    }
    Object converted = Scalars.natural(value);
    return converted != null
        ? constant(converted)
        : fail(root, pointer, value, "a java.lang.Object (a number within the range of double)");
  }

  private Decoded enumConstant(Object value, Class<?> type, String pointer, Where root) {
    List<String> names = enumNames(type);
    if (value instanceof String name && names.contains(name)) {
      return new Decoded.EnumConstant(type, name);
    }
    return fail(root, pointer, value, "a constant of " + type.getName() + " ("
        + String.join(", ", names) + ")");
  }

  /** Returns the constant names of an enum, read from its fields so that it is not initialised. */
  static List<String> enumNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (field.isEnumConstant()) {
        names.add(field.getName());
      }
    }
    return names;
  }

  private Decoded record(Object value, Context at) {
    RecordComponent[] components = at.raw().getRecordComponents();
    List<String> names = new ArrayList<>();
    Class<?>[] rawTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      names.add(components[i].getName());
      rawTypes[i] = components[i].getType();
    }
    if (!(value instanceof Map<?, ?> map) || !map.keySet().equals(new HashSet<>(names))) {
      return fail(at.root(), at.pointer(), value, article(at.raw().getName()) + " (an object"
          + " with exactly the components " + String.join(", ", names) + ")");
    }
    Constructor<?> canonical = canonical(at.raw(), rawTypes, at);
    Map<TypeVariable<?>, Type> bindings = bindings(at);
    List<Decoded> decoded = new ArrayList<>(components.length);
    for (RecordComponent component : components) {
      String name = component.getName();
      decoded.add(decode(map.get(name), component.getGenericType(), bindings,
          at.pointer() + AiJsonException.pointer(name), at.root(), at.depth() + 1));
    }
    return canonical == null ? null : new Decoded.RecordOf(canonical, decoded, at.where());
  }

  private Constructor<?> canonical(Class<?> type, Class<?>[] rawTypes, Context at) {
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(rawTypes);
      String refused = ReplayLookup.open(constructor);
      if (refused == null) {
        return constructor;
      }
      fail(at.root(), at.pointer(), null, "a value replay can make: record " + type.getName()
          + " cannot be made accessible (" + refused + ")");
    } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
      fail(at.root(), at.pointer(), null, "a value replay can make: record " + type.getName()
          + " has no canonical constructor (" + e + ")");
    }
    return null;
  }

  /** Returns the actual type arguments of a generic record type, by its type variables. */
  private static Map<TypeVariable<?>, Type> bindings(Context at) {
    if (!(at.type() instanceof ParameterizedType parameterized)) {
      return Map.of();
    }
    TypeVariable<?>[] variables = at.raw().getTypeParameters();
    Type[] arguments = parameterized.getActualTypeArguments();
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    for (int i = 0; i < variables.length && i < arguments.length; i++) {
      bindings.put(variables[i], resolve(arguments[i], at.bindings()));
    }
    return bindings;
  }

  private Decoded array(Object value, Context at) {
    if (!(value instanceof List<?> list)) {
      return fail(at.root(), at.pointer(), value,
          article(AiJsonTypes.name(at.type())) + " (an array)");
    }
    Type component = at.type() instanceof GenericArrayType generic
        ? generic.getGenericComponentType()
        : at.raw().getComponentType();
    List<Decoded> elements = decodeAll(list, component, at);
    return new Decoded.ArrayOf(at.raw().getComponentType(), elements, at.where());
  }

  private Decoded elements(Object value, CollectionKind kind, Context at) {
    if (!(value instanceof List<?> list)) {
      return fail(at.root(), at.pointer(), value,
          article(AiJsonTypes.name(at.type())) + " (an array)");
    }
    Type element = at.argument(0);
    if (kind == CollectionKind.SORTED_SET && !isComparable(element, at.bindings())) {
      return fail(at.root(), at.pointer(), value, article(AiJsonTypes.name(at.type()))
          + " (a sorted set needs Comparable elements; declare another collection type)");
    }
    Class<?> scalar = kind != CollectionKind.SORTED_SET && element instanceof Class<?> type
        && Scalars.isScalar(box(type)) && at.depth() + 1 <= MAX_DEPTH ? box(type) : null;
    SharedElements known = scalar == null ? null : sharedElements.get(list);
    if (known != null && known.kind() == kind && known.scalar() == scalar) {
      return known.decoded();
    }
    Decoded.Elements decoded = new Decoded.Elements(kind, decodeAll(list, element, at), at.where());
    String unsorted = kind == CollectionKind.SORTED_SET ? unsortable(decoded.elements()) : null;
    if (unsorted != null) {
      return fail(at.root(), at.pointer(), value, article(AiJsonTypes.name(at.type()))
          + " (a sorted set " + unsorted + "; fix the elements, or declare another collection type)");
    }
    if (scalar != null && known == null && sharedElements.size() < MAX_SHARED_ELEMENTS
        && allConstants(decoded.elements())) {
      sharedElements.put(list, new SharedElements(kind, scalar, at.type(), decoded));
    }
    return decoded;
  }

  /**
   * A list or set of scalars decoded once for every var whose document value is the same list
   * object (a parsed document shares one list among the vars that write equal lists of scalars,
   * such as the labels of every head of a model). Its where is the first var's, and is never
   * read: putting non-null strings, numbers, booleans or enum constants into an {@code
   * ArrayList} or a {@code LinkedHashSet} cannot fail (a sorted set, which compares them, is not
   * shared).
   */
  private record SharedElements(CollectionKind kind, Class<?> scalar, Type type, Decoded.Elements decoded) {}

  private static final int MAX_SHARED_ELEMENTS = 1024;
  private final Map<List<?>, SharedElements> sharedElements = new java.util.IdentityHashMap<>();

  private static boolean allConstants(List<Decoded> elements) {
    for (Decoded element : elements) {
      if (!(element instanceof Decoded.Constant constant) || constant.value() == null) {
        return false;
      }
    }
    return true;
  }

  private List<Decoded> decodeAll(List<?> list, Type element, Context at) {
    List<Decoded> decoded = new ArrayList<>(list.size());
    Class<?> scalar = element instanceof Class<?> type && Scalars.isScalar(box(type))
        && at.depth() + 1 <= MAX_DEPTH ? box(type) : null;
    for (int i = 0; i < list.size(); i++) {
      // a scalar that converts needs no pointer; anything else is decoded with its own
      Object converted = scalar == null || list.get(i) == null || list.get(i) instanceof AiJsonRef
          ? null : Scalars.convert(list.get(i), scalar);
      decoded.add(converted != null ? constant(converted)
          : decode(list.get(i), element, at.bindings(), at.pointer() + "/" + i, at.root(),
              at.depth() + 1));
    }
    return kept(decoded);
  }

  private Decoded entries(Object value, boolean sorted, Context at) {
    Class<?> keyType = rawType(resolve(at.argument(0), at.bindings()), at.bindings());
    if (!(keyType == String.class || keyType == Object.class || keyType.isEnum())) {
      return fail(at.root(), at.pointer(), value, article(AiJsonTypes.name(at.type()))
          + " (replay reads maps with String or enum keys only; declare one of those)");
    }
    if (!(value instanceof Map<?, ?> map)) {
      return fail(at.root(), at.pointer(), value,
          article(AiJsonTypes.name(at.type())) + " (an object)");
    }
    List<Decoded> keys = new ArrayList<>(map.size());
    List<Decoded> values = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String pointer = at.pointer() + AiJsonException.pointer(entry.getKey());
      keys.add(keyType.isEnum()
          ? enumConstant(entry.getKey(), keyType, pointer, at.root())
          : constant(entry.getKey()));
      values.add(decode(entry.getValue(), at.argument(1), at.bindings(), pointer, at.root(),
          at.depth() + 1));
    }
    return new Decoded.Entries(sorted, keys, values, at.where());
  }

  private Decoded provider(Object value, Context at) {
    if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("provider") instanceof String key) {
      String pointer = at.pointer() + "/provider";
      String unfit = providerKeyProblem(key, at);
      return unfit != null
          ? fail(at.root(), pointer, key, "a key of " + AiJsonTypes.name(at.argument(0)) + ", with"
              + " an optional qualifier such as @com.google.inject.name.Named(\"x\") (" + unfit + ")")
          : new Decoded.ProviderOf(key, at.type(), at.where());
    }
    return fail(at.root(), at.pointer(), value, article(AiJsonTypes.name(at.type()))
        + " (a provider, written {\"provider\": \"<key>\"})");
  }

  /**
   * Returns why {@code key} is not a key of the type a provider parameter provides, or null. The
   * qualifier is only checked to be an annotation here; the Guice layer reads the rest of it.
   */
  private String providerKeyProblem(String key, Context at) {
    String typeName = key;
    if (key.startsWith("@")) {
      int end = AiJsonTypes.keyQualifierEnd(key);
      if (end < 0) {
        return "the qualifier is not followed by a space and a type";
      }
      String qualifier = key.substring(1, end);
      String annotation = qualifier.contains("(") ? qualifier.substring(0, qualifier.indexOf('(')) : qualifier;
      try {
        if (!Class.forName(annotation, false, loader).isAnnotation()) {
          return annotation + " is not an annotation";
        }
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        return "the qualifier " + annotation + " cannot be found";
      }
      typeName = key.substring(end + 1);
    }
    Type type;
    try {
      type = AiJsonTypes.parse(typeName, loader);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    // a raw provider declares no type: it provides an Object, never a class the document names
    // (Guice would make any class the key named, through a just-in-time binding)
    Type provided = resolve(at.argument(0), at.bindings());
    if (provided instanceof TypeVariable<?>) {
      return null;
    }
    String expected = AiJsonTypes.name(provided instanceof Class<?> c ? box(c) : provided);
    String actual = AiJsonTypes.name(type instanceof Class<?> c ? box(c) : type);
    return expected.equals(actual) ? null : "it names " + actual
        + (at.type() instanceof ParameterizedType ? "" : ", and a raw " + at.raw().getName()
            + " parameter provides only java.lang.Object: declare the type it provides");
  }

  /**
   * Returns why a sorted set cannot hold {@code elements}, decoded JSON values that the JDK
   * compares (strings, numbers, booleans), or null if it can or if one of them is only compared
   * when it is built (a reference, a record): a null, or two values that do not compare, would
   * fail at the first build, so they are a problem of the document.
   */
  private static String unsortable(List<Decoded> elements) {
    for (Decoded element : elements) {
      if (!(element instanceof Decoded.Constant constant)) {
        return null; // a problem already reported, or compared only when built
      }
      Object value = constant.value();
      if (value != null && !(value.getClass().getPackageName().equals("java.lang")
          || value.getClass().getPackageName().equals("java.math"))) {
        return null;
      }
    }
    TreeSet<Object> sorted = new TreeSet<>();
    List<Object> seen = new ArrayList<>(elements.size());
    for (Decoded element : elements) {
      Object value = ((Decoded.Constant) element).value();
      if (value == null) {
        return "cannot hold null";
      }
      try {
        sorted.add(value);
      } catch (ClassCastException e) {
        Object other = seen.stream().filter(v -> v.getClass() != value.getClass()).findFirst().orElse(seen.get(0));
        return "needs elements that compare with one another, and " + show(other) + " and "
            + show(value) + " do not";
      }
      seen.add(value);
    }
    return null;
  }

  private static boolean isComparable(Type element, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw = box(rawType(resolve(element, bindings), bindings));
    return raw == Object.class || Comparable.class.isAssignableFrom(raw);
  }

  /** Adds the problem that {@code value} is not {@code what}, and returns null. */
  private Decoded fail(Where root, String pointerOrNull, Object value, String what) {
    String pointer = at(pointerOrNull, root);
    String at = pointer.equals(root.pointer()) ? "" : " at " + pointer;
    problems.add(new Problem(pointer, root.subject() + at + " is " + show(value) + ", which is not "
        + what + ". Fix the value at " + pointer + "."));
    return null;
  }

  /** Returns a document value as it reads in JSON, shortened. */
  static String show(Object value) {
    if (value instanceof String text) {
      return "\"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
    }
    if (value instanceof AiJsonRef ref) {
      return "\"" + ref + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return String.valueOf(value);
  }

  public static String article(String noun) {
    return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** Returns the type a type variable or wildcard stands for: its binding or its bound. */
  static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof Class<?>) {
      // most declared types: Class is final, so this test is one comparison, where each test
      // against an interface Class does not implement searches all it does (on JDK 17)
      return type;
    }
    for (int hops = 0; hops < 16; hops++) {
      if (type instanceof TypeVariable<?> variable) {
        Type bound = bindings.get(variable);
        type = bound != null ? bound : variable.getBounds()[0];
      } else if (type instanceof WildcardType wildcard) {
        type = wildcard.getUpperBounds()[0];
      } else {
        return type;
      }
    }
    return Object.class;
  }

  static Class<?> rawType(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof Class<?> cls) {
      return cls; // before the interface test, as in resolve
    }
    if (type instanceof GenericArrayType array) {
      Class<?> component = rawType(resolve(array.getGenericComponentType(), bindings), bindings);
      return Array.newInstance(component, 0).getClass();
    }
    return AiJsonTypes.rawType(type);
  }

  public static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return type == int.class ? Integer.class : type == double.class ? Double.class
        : type == long.class ? Long.class : type == boolean.class ? Boolean.class
        : type == float.class ? Float.class : type == short.class ? Short.class
        : type == byte.class ? Byte.class : type == char.class ? Character.class : Void.class;
  }

  /** Conversions of JSON scalars to the scalar Java types. */
  private static final class Scalars {
    private static final Map<Class<?>, long[]> RANGES =
        Map.of(
            Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    private static final String NON_FINITE = "\"NaN\", \"Infinity\", \"-Infinity\" or \"-0.0\"";
    /** The most digits of a whole number: the longest number Jackson reads by default. */
    private static final int MAX_DIGITS = 1000;
    private static final Map<String, Double> NON_FINITE_VALUES =
        Map.of("NaN", Double.NaN, "Infinity", Double.POSITIVE_INFINITY,
            "-Infinity", Double.NEGATIVE_INFINITY, "-0.0", -0.0);

    private Scalars() {}

    static boolean isScalar(Class<?> boxed) {
      // compared by identity, one by one: cheaper than hashing the class into a set
      return boxed == String.class || boxed == Integer.class || boxed == Double.class
          || boxed == Long.class || boxed == Boolean.class || boxed == Float.class
          || boxed == Short.class || boxed == Byte.class || boxed == Character.class
          || boxed == BigInteger.class || boxed == BigDecimal.class || boxed == Number.class;
    }

    /** Returns {@code value} as a {@code boxed}, or null if it is not one. */
    static Object convert(Object value, Class<?> boxed) {
      if (boxed == String.class || boxed == Boolean.class) {
        return boxed.isInstance(value) ? value : null;
      }
      if (boxed == Character.class) {
        return value instanceof String text && text.length() == 1 ? text.charAt(0) : null;
      }
      if (boxed == Float.class || boxed == Double.class) {
        return floating(value, boxed == Float.class);
      }
      if (boxed == BigDecimal.class) {
        return isNumber(value) ? new BigDecimal(value.toString()) : null;
      }
      if (boxed == Number.class) {
        // a Number is never a string: "NaN", "Infinity", "-Infinity" and "-0.0" are the doubles
        return isNumber(value) ? natural(value) : value instanceof String ? NON_FINITE_VALUES.get(value) : null;
      }
      return integral(value, boxed);
    }

    private static Object integral(Object value, Class<?> boxed) {
      if (value instanceof Long number) {
        // what documents hold: no BigInteger, and no map lookup, to check the range
        long n = number;
        if (boxed == Integer.class) {
          return n == (int) n ? (Object) (int) n : null;
        }
        if (boxed == Long.class) {
          return number;
        }
        if (boxed == Short.class) {
          return n == (short) n ? (Object) (short) n : null;
        }
        if (boxed == Byte.class) {
          return n == (byte) n ? (Object) (byte) n : null;
        }
      }
      BigInteger whole = whole(value);
      if (whole == null || boxed == BigInteger.class) {
        return whole;
      }
      long[] range = RANGES.get(boxed);
      if (whole.bitLength() > 63 || whole.longValue() < range[0] || whole.longValue() > range[1]) {
        return null;
      }
      long number = whole.longValue();
      return boxed == Byte.class ? (Object) (byte) number
          : boxed == Short.class ? (Object) (short) number
          : boxed == Integer.class ? (Object) (int) number
          : (Object) number;
    }

    private static BigInteger whole(Object value) {
      if (value instanceof Long number) {
        return BigInteger.valueOf(number);
      }
      if (value instanceof BigInteger number) {
        return number;
      }
      if (value instanceof BigDecimal number) {
        // 1e100000000 is a whole number, but making its BigInteger takes minutes; no JSON
        // number we read has more than MAX_DIGITS digits, so neither may a whole one
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > MAX_DIGITS) {
          return null;
        }
        return stripped.toBigIntegerExact();
      }
      return null;
    }

    private static Object floating(Object value, boolean single) {
      if (value instanceof String text) {
        Double special = NON_FINITE_VALUES.get(text);
        return special == null || !single ? special : (Object) special.floatValue();
      }
      if (!isNumber(value)) {
        return null;
      }
      BigDecimal number = value instanceof BigDecimal decimal ? decimal
          : value instanceof Long whole ? BigDecimal.valueOf(whole)
          : new BigDecimal((BigInteger) value);
      if (single) {
        float f = number.floatValue();
        return Float.isInfinite(f) ? null : (Object) f;
      }
      double d = number.doubleValue();
      return Double.isInfinite(d) ? null : (Object) d;
    }

    private static boolean isNumber(Object value) {
      return value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal;
    }

    /** Returns a scalar as an {@code Object} parameter receives it: Long, BigInteger, Double. */
    static Object natural(Object value) {
      if (value instanceof BigInteger number) {
        return number.bitLength() <= 63 ? (Object) number.longValue() : number;
      }
      if (value instanceof BigDecimal number) {
        double d = number.doubleValue();
        return Double.isInfinite(d) ? null : (Object) d;
      }
      return value;
    }

    static String expectation(Class<?> raw) {
      Class<?> boxed = box(raw);
      String name = article(raw.getName());
      if (RANGES.containsKey(boxed)) {
        long[] range = RANGES.get(boxed);
        return name + " (a whole number from " + range[0] + " to " + range[1] + ")";
      }
      if (boxed == Float.class || boxed == Double.class) {
        return name + " (a number within its range, or " + NON_FINITE + ")";
      }
      return name + " (" + Map.of(
          Boolean.class, "true or false",
          Character.class, "a string of one character",
          String.class, "a JSON string",
          BigInteger.class, "a whole number",
          BigDecimal.class, "a number",
          Number.class, "a number, or " + NON_FINITE).get(boxed) + ")";
    }
  }
}
